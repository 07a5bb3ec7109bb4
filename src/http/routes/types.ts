// A route as data: method, path, who may call it, and its handler; app.ts registers them and openapi.json documents them.

import type { Request, Response } from 'express';
import type { Access } from '../auth.js';

/** The methods routes use (express's method names). */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** One route: registered by createApp, documented in openapi.ts, checked against each other by a test. */
export interface Route {
  method: Method;
  /** Express path syntax (`/v1/filings/:id`). */
  path: string;
  access: Access;
  handler: (req: Request, res: Response) => Promise<void> | void;
}
