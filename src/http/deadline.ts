// The request-body deadline (`--request-timeout`): a body that has not arrived in time is cut off, token or not.

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { mediaTypeOf } from './body.js';
import { say } from '../messages/index.js';
import { toProblem, sendProblem, HttpError } from './errors.js';
import { answerLang } from './lang.js';

/** Default `--request-timeout`: 30 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Cuts off a request whose body has not fully arrived within `ms` of its headers: 408 when nothing
 * was answered yet, and the connection closed either way (a client trickling a body after a 401
 * holds a connection just the same). NDJSON scans stream for as long as their input lasts, so for
 * them the limit is on silence instead: `ms` in which no byte moved either way on the connection.
 * Runs before authentication, so it holds with or without a token.
 */
export function bodyDeadline(ms: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (ms <= 0 || req.complete) {
      next();
      return;
    }
    const streaming = mediaTypeOf(req).type === 'application/x-ndjson';
    const socket = req.socket;
    let lastRead = socket.bytesRead;
    let lastWritten = socket.bytesWritten;
    let timer: NodeJS.Timeout | undefined;
    const cut = () => {
      if (req.complete || socket.destroyed) return;
      if (streaming) {
        // a scan is alive while bytes move either way: lines coming in, or results going out (while
        // the service judges, or waits for the client to read, it reads no more input by design)
        const progress = socket.bytesRead !== lastRead || socket.bytesWritten !== lastWritten;
        lastRead = socket.bytesRead;
        lastWritten = socket.bytesWritten;
        if (progress) {
          timer = setTimeout(cut, ms);
          return;
        }
      }
      req.log?.warn({ timeoutMs: ms, streaming }, 'request body not received in time; connection closed');
      if (res.headersSent) {
        socket.destroy();
        return;
      }
      const { doc } = toProblem(
        new HttpError(
          'request_timeout',
          streaming ? say('http.timeout_stream', { seconds: ms / 1000 }) : say('http.timeout_body', { seconds: ms / 1000 }),
        ),
        answerLang(req),
      );
      res.once('finish', () => socket.destroy());
      sendProblem(res, { ...doc, instance: req.originalUrl, requestId: req.id }, { Connection: 'close' });
    };
    timer = setTimeout(cut, ms);
    const stop = () => clearTimeout(timer);
    req.once('end', () => {
      if (res.writableFinished) stop();
    });
    res.once('finish', () => {
      if (req.complete) stop();
    });
    res.once('close', () => {
      if (req.complete || socket.destroyed) stop();
    });
    next();
  };
}
