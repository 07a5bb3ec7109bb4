// Makes the built CLI executable so `npx compliance` and the bin link work on a fresh clone.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/src/cli/main.js', import.meta.url), 0o755);
