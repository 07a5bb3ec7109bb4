// POST /v1/rules/lint: a proposed rule file, parameters or waivers linted together with the rest of the rule set in
// force (src/app/lint.ts); nothing is published.

import { lintProposal, withProposal } from '../../app/lint.js';
import { preparseYaml } from '../../yaml-worker-pool.js';
import { inLanguage } from '../../messages/index.js';
import type { AppContext } from '../context.js';
import { requestedLang } from '../lang.js';
import { readBody } from '../requests.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

/** `POST /v1/rules/lint` (supervisor, auditor): 200 with `{ version, file, problems }`; nothing is published. */
export function lintRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'post',
      path: '/v1/rules/lint',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const lang = requestedLang(req) ?? 'en';
        const body = await readBody(req, 'Lint');
        // a large proposal is parsed on the YAML worker thread, never on the event loop (DESIGN §8)
        await preparseYaml([body.yaml]);
        const { ruleSet, version, label } = ctx.engines.current;
        const problems = lintProposal(ruleSet, body);
        const { file } = withProposal(ruleSet, body);
        // every message in the caller's language (DESIGN §8); codes, pointers and places as they are
        sendJson(res, 200, { version, label, kind: body.kind, file, problems: problems.map((p) => inLanguage(p, lang)) });
      },
    },
  ];
}
