// The intended graph, enforced by `npm run lint`: the pure core runs one way, filing ← rules ← engine ←
// report (each may use those to its left), never reaching an adapter (app, http, store, scan, cli, queue)
// or the process's I/O; adapters depend on the core, never the reverse.
/** @type {import('dependency-cruiser').IConfiguration} */
const CORE = '^src/(filing|rules|engine|report)/';
const ADAPTERS = '^src/(app|http|store|scan|cli|queue)/';

module.exports = {
  forbidden: [
    {
      name: 'core-imports-adapter',
      comment: 'The core (filing, rules, engine, report) must not import an adapter: adapters depend on the core.',
      severity: 'error',
      from: { path: CORE },
      to: { path: ADAPTERS },
    },
    {
      name: 'filing-imports-up',
      comment: 'filing is the bottom of the core: it imports neither rules, engine nor report.',
      severity: 'error',
      from: { path: '^src/filing/' },
      to: { path: '^src/(rules|engine|report)/' },
    },
    {
      name: 'rules-imports-up',
      comment: 'rules may use filing only: the linter receives the fact and operator registries from the engine.',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { path: '^src/(engine|report)/' },
    },
    {
      name: 'engine-imports-report',
      comment: 'The engine makes the report model (src/engine/report-model.ts); report formats read it, not the reverse.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/report/' },
    },
    {
      name: 'core-does-io',
      comment: 'The core is pure: no files, threads, network or child processes (loading a rule folder is rules/load.ts).',
      severity: 'error',
      from: { path: CORE, pathNot: '^src/rules/load\\.ts$' },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|worker_threads|child_process|cluster|http|https|http2|net|dgram|dns|tls|readline|process)$',
      },
    },
    {
      name: 'core-uses-adapter-packages',
      comment: 'The core does not use the HTTP server, the database, logging or the command line.',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['npm'], path: '^(express|helmet|better-sqlite3|pg|pg-boss|pino|commander|cli-progress|prom-client|rate-limiter-flexible)($|/)' },
    },
    {
      name: 'no-circular-core',
      comment: 'No cycles inside the core.',
      severity: 'error',
      from: { path: CORE },
      to: { path: CORE, circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    moduleSystems: ['es6'],
  },
};
