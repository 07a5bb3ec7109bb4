// The web console's static assets (built by `npm run build` into dist/web) at /, public, served by the service itself.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Request, type RequestHandler, type Response, type NextFunction } from 'express';

/** Where the built console is: beside the compiled service (dist/web), or dist/web when running from source. */
export function defaultConsoleDir(): string | null {
  for (const rel of ['../../../web/', '../../../dist/web/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

const NOT_BUILT = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Compliance console</title></head><body><main><h1>The console is not built</h1><p>Run <code>npm run build</code>, then restart <code>compliance serve</code>. The API is at <code>/v1/</code>; its description at <code>/openapi.json</code>.</p></main></body></html>`;

/**
 * Serves the console: `/` is its page, `/assets/…` its hashed files (cached for a year; the page is
 * never cached, so a new build shows at once). Only GET and HEAD; anything else falls through.
 */
export function consoleAssets(dir: string | null = defaultConsoleDir()): RequestHandler {
  const router = express.Router();
  if (dir === null) {
    router.get(['/', '/index.html'], (_req: Request, res: Response) => {
      res.status(200).type('html').setHeader('Cache-Control', 'no-store').send(NOT_BUILT);
    });
    return router;
  }
  router.use(
    '/assets',
    express.static(`${dir}assets`, {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
      dotfiles: 'ignore',
    }),
  );
  router.get(['/', '/index.html'], (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: dir, dotfiles: 'deny' }, (err) => {
      if (err) next(err);
    });
  });
  return router;
}
