// Request ids and one structured log line per request, with its latency and who asked.

import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request an id (the client's `X-Request-Id` when it is sane, else a new UUID), echoes
 * it, and when the response is done logs it and counts it by route pattern (never the raw URL, so
 * ids in paths do not explode the metrics).
 */
export function requestLog(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && CLIENT_ID.test(given) ? given : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route
        ? `${req.baseUrl}${String((req.route as { path: string }).path)}`
        : '(unmatched)';
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.request(req.method, route, status, seconds);
      req.log.info(
        {
          method: req.method,
          url: req.originalUrl,
          route,
          status,
          ms: Math.round(seconds * 1e4) / 10,
          token: req.auth?.name,
        },
        'request',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
