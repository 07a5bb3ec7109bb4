// Writing JSON answers: prebuilt JSON text is sent as is, byte for byte (reports are stored that way).

import type { Response } from 'express';

/** Sends `body` (an object, or JSON text already made) as `application/json`. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res
    .status(status)
    .type('application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}
