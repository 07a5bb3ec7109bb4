// Who am I: the signed-in token's name, role, platforms and expiry (every role), what the console shows after sign-in.

import { auth } from '../auth.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

/** `GET /v1/me`. */
export function meRoutes(): Route[] {
  return [
    {
      method: 'get',
      path: '/v1/me',
      access: ['officer', 'supervisor', 'auditor'],
      handler(req, res) {
        const t = auth(req);
        sendJson(res, 200, { name: t.name, role: t.role, platforms: t.platforms, expires: t.expiresAt });
      },
    },
  ];
}
