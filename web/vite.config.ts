// Builds the web console (web/) into dist/web, which `compliance serve` serves at /; nothing is fetched from outside at run time.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // the editor (CodeMirror) and the charts (Chart.js) are their own chunks, loaded by the pages that use them
    chunkSizeWarningLimit: 600,
    modulePreload: { polyfill: false },
  },
});
