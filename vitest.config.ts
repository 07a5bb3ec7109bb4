// Test runner: two projects. "built" holds the tests that run dist/ (spawned CLI processes, scan worker
// threads, the bench); its global setup compiles dist/ first, and only when one of them is selected.
import { configDefaults, defineConfig } from 'vitest/config';

// keep this list short: a test belongs here only if it starts a process or a scan worker thread
const BUILT = [
  'test/cli/process.test.ts',
  'test/cli/scan.test.ts',
  'test/http/cli.test.ts',
  'test/http/event-loop.test.ts',
  'test/http/hostile-yaml.test.ts',
  'test/http/instances.test.ts',
  'test/http/scan-jobs.test.ts',
  // samples every route's answer, a scan job's results (a built worker) among them
  'test/http/openapi-types.test.ts',
  'test/queue/workers.test.ts',
  'test/scan/**/*.test.ts',
  'test/bench/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BUILT],
        },
      },
      {
        extends: true,
        test: { name: 'built', include: BUILT, globalSetup: ['test/setup/build.ts'] },
      },
    ],
  },
});
