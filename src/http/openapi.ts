// The OpenAPI 3.1 document, generated from the route table (paths, methods, path parameters, roles,
// operationIds) and the JSON Schemas (schemas/*.json hoisted into components, request bodies from
// requests.ts); what only words can say (summaries, answers) is the DOCS table below, keyed by route.

import filingSchema from '../../schemas/filing.schema.json' with { type: 'json' };
import parametersSchema from '../../schemas/parameters.schema.json' with { type: 'json' };
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import ruleSchema from '../../schemas/rule.schema.json' with { type: 'json' };
import waiversSchema from '../../schemas/waivers.schema.json' with { type: 'json' };
import { REQUEST_SCHEMAS } from './requests.js';
import { ORDER_PATHS, ORDER_SCHEMAS } from './routes/orders-openapi.js';
import { WATCHLIST_PATHS, WATCHLIST_SCHEMAS } from './routes/watchlist.js';
import type { Route } from './routes/types.js';
import { componentsOf, forClients } from './openapi-schemas.js';

type Json = Record<string, unknown>;
type Role = 'officer' | 'supervisor' | 'auditor';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ $ref: '#/components/responses/Problem', description });
const json = (schema: Json) => ({ 'application/json': { schema } });
const body = (name: string, description?: string) => ({
  required: true,
  content: json(ref(name)),
  ...(description ? { description } : {}),
});

const filingContent = {
  'application/json': { schema: ref('Filing') },
  'application/yaml': { schema: ref('Filing') },
};

const pathId = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const langParam = {
  name: 'lang',
  in: 'query',
  description: 'Report language (else Accept-Language; default en).',
  schema: { enum: ['en', 'zh'] },
};
const fullParam = {
  name: 'full',
  in: 'query',
  description:
    'true: each filing\'s whole report per line; else (DESIGN §7 revision 3) a ruleset line first, then per filing its scan line — the findings that are not pass or not-applicable, the others by id in passed and notApplicable.',
  schema: { type: 'boolean', default: false },
};
const limitParam = (max: number, dflt: number) => ({
  name: 'limit',
  in: 'query',
  schema: { type: 'integer', minimum: 1, maximum: max, default: dflt },
});
const cursorParam = {
  name: 'cursor',
  in: 'query',
  description: 'The nextCursor of the previous page.',
  schema: { type: 'string' },
};
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: true,
  description: 'The version in force, quoted (the ETag of GET /v1/rules).',
  schema: { type: 'string' },
};

/** Errors every authenticated route can answer. */
const authErrors = {
  '401': problem('No token, or an unknown, expired or revoked one.'),
  '429': problem('Over the per-token rate limit; see Retry-After.'),
};

/** One operation: its roles (x-roles, DESIGN section 8) decide its security and its 403. */
function op(summary: string, roles: readonly Role[] | 'public', responses: Json, extra: Json = {}): Json {
  const everyone = roles !== 'public' && roles.length === 3;
  return {
    summary,
    ...extra,
    ...(roles === 'public' ? { security: [] } : { 'x-roles': roles }),
    responses: {
      ...responses,
      ...(roles === 'public' ? {} : authErrors),
      ...(roles === 'public' || everyone ? {} : { '403': problem(`Only for: ${roles.join(', ')}.`) }),
    },
  };
}

const versionChange = (created: boolean) => ({
  ...(created
    ? { '201': { description: 'Published: a new rule id.', content: json(ref('Publication')) } }
    : {}),
  '200': {
    description: 'Published (or no change: `changed: false`). ETag: the new version.',
    content: json(ref('Publication')),
  },
  '412': problem('If-Match is not the version in force.'),
  '428': problem('If-Match is missing.'),
  '400': problem('Malformed JSON.'),
  '413': problem('Body over 1 MiB.'),
  '415': problem('Not application/json.'),
  '422': problem(
    'The body or the resulting rule set is invalid: every problem with its pointer or file:line:column.',
  ),
});

const readRules = (what: string, schema: string) =>
  op(`The ${what} in force; ETag is its version.`, ['officer', 'supervisor', 'auditor'], {
    '200': {
      description: 'OK',
      headers: { ETag: { schema: { type: 'string' } } },
      content: json(ref(schema)),
    },
    '304': { description: 'Unchanged since If-None-Match.' },
  });

/** A report route answers Accept: application/sarif+json with SARIF 2.1.0 and text/html with the HTML page. */
const reportContent = {
  ...json(ref('Report')),
  'application/sarif+json': { schema: { type: 'object', description: 'SARIF 2.1.0' } },
  'text/html': { schema: { type: 'string', description: 'One self-contained page' } },
};

/** A finding's statuses (schemas/report.schema.json), as the scan summary counts them per rule. */
const STATUSES = (reportSchema.definitions.finding.properties.status as { enum: string[] }).enum;

const bySeverity = {
  type: ['object', 'null'],
  properties: {
    critical: { type: 'integer' },
    major: { type: 'integer' },
    minor: { type: 'integer' },
    info: { type: 'integer' },
  },
};

const summaryItem = {
  type: 'object',
  properties: {
    filingId: { type: 'string' },
    period: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' } } },
    supersedes: { type: ['string', 'null'] },
    supersededBy: { type: ['string', 'null'] },
    current: { type: 'boolean' },
    submittedBy: { type: 'string' },
    storedAt: { type: 'string', format: 'date-time' },
    verdict: { enum: ['pass', 'fail', 'error'] },
    ruleset: { type: 'object', properties: { version: { type: 'string' }, label: { type: 'integer' } } },
  },
};

/** A stored filing as parsed; with ?as=received, the document as it came (a JSON filing as JSON, YAML as YAML). */
const storedFilingContent = {
  ...json({ anyOf: [ref('StoredFiling'), ref('Filing')] }),
  'application/yaml': { schema: { type: 'string' } },
};

/** The schema files as components, their draft-07 `definitions` hoisted beside them with every $ref rewritten. */
const FILE_SCHEMAS = componentsOf({
  Filing: filingSchema as Json,
  Report: reportSchema as Json,
  Rule: ruleSchema as Json,
  Parameters: parametersSchema as Json,
  Waivers: waiversSchema as Json,
});

/** A rule as the rule set in force holds it: the rule file's schema, every field filled in, and the file. */
function ruleInForce(rule: Json): Json {
  const properties = {
    ...(rule.properties as Json),
    file: { type: 'string', description: 'The file it was read from.' },
  };
  return {
    ...rule,
    title: 'RuleInForce',
    description:
      'A rule of the rule set in force: its document with the defaults filled in, and the file it was read from.',
    required: Object.keys(properties),
    properties,
  };
}

/** The hand-written parts: per path and method, what the operation does and answers. */
const DOCS: Json = {
  openapi: '3.1.0',
  info: {
    title: 'Mutual-aid compliance service',
    version: '1',
    license: { name: 'MIT', identifier: 'MIT' },
    description:
      'Judge mutual-aid platforms’ filings against the supervisor’s rules. Errors are application/problem+json (RFC 9457) with a stable `code`.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  paths: {
    ...ORDER_PATHS, // rectification orders (routes/orders-openapi.ts)
    ...WATCHLIST_PATHS, // the watchlist (routes/watchlist.ts)
    '/healthz': {
      get: op('The process is alive.', 'public', {
        '200': {
          description: 'OK',
          content: json({ type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }),
        },
      }),
    },
    '/readyz': {
      get: op('The service can answer (the store responds, not shutting down).', 'public', {
        '200': {
          description: 'Ready',
          content: json({
            type: 'object',
            required: ['status', 'ruleset'],
            properties: {
              status: { const: 'ready' },
              ruleset: {
                type: 'object',
                required: ['version', 'label'],
                properties: { version: { type: 'string' }, label: { type: 'integer' } },
              },
            },
          }),
        },
        '503': problem('Not ready, or shutting down.'),
      }),
    },
    '/metrics': {
      get: op('Prometheus metrics.', 'public', {
        '200': {
          description: 'Prometheus text format',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      }),
    },
    '/openapi.json': {
      get: op('This document.', 'public', {
        '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) },
      }),
    },
    '/v1/check': {
      post: op(
        'Judge a filing without storing it (a draft check).',
        ['officer', 'supervisor'],
        {
          '200': { description: 'The report (SARIF or HTML by Accept).', content: reportContent },
          '400': problem('Malformed JSON or YAML, too deep, or a bad query parameter.'),
          '403': problem('An officer’s filing of another platform, or a role that may not check.'),
          '404': problem('`version` is not a published rule-set version.'),
          '413': problem('Body over 1 MiB (`body_too_large`), or YAML with more than 100,000 nodes or 1,000 aliases (`body_too_complex`).'),
          '415': problem('Not application/json or application/yaml.'),
          '422': problem('The filing breaks its schema: every problem with its pointer.'),
          '503': problem('Too many large YAML bodies are being read at once (`server_busy`); see Retry-After.'),
        },
        {
          parameters: [
            {
              name: 'version',
              in: 'query',
              description: 'Judge with this published version (sha256:…) to reproduce a past report.',
              schema: { type: 'string' },
            },
            langParam,
          ],
          requestBody: { required: true, content: filingContent },
        },
      ),
    },
    '/v1/filings': {
      post: op(
        'Validate, judge and store a filing with its report.',
        ['officer', 'supervisor'],
        {
          '201': {
            description: 'Stored; the report (only after both are committed).',
            headers: { Location: { schema: { type: 'string' } } },
            content: json(ref('Report')),
          },
          '200': {
            description: 'The same document was stored before: its stored report.',
            content: json(ref('Report')),
          },
          '400': problem('Malformed JSON or YAML, or too deep.'),
          '403': problem('An officer’s filing of another platform, or a role that may not submit.'),
          '409': problem('filing_id_taken, period_taken or supersedes_invalid.'),
          '413': problem('Body over 1 MiB (`body_too_large`), or YAML with more than 100,000 nodes or 1,000 aliases (`body_too_complex`).'),
          '415': problem('Not application/json or application/yaml.'),
          '422': problem('The filing breaks its schema: every problem with its pointer.'),
          '503': problem('Too many large YAML bodies are being read at once (`server_busy`); see Retry-After.'),
        },
        { parameters: [langParam], requestBody: { required: true, content: filingContent } },
      ),
    },
    '/v1/filings/{id}': {
      get: op(
        'A stored filing: its place (current, supersedes) and the document as parsed, or as received with ?as=received.',
        ['officer', 'supervisor', 'auditor'],
        {
          '200': {
            description: 'OK',
            content: storedFilingContent,
          },
          '400': problem('A bad query parameter.'),
          '404': problem('No such filing (or another platform’s, to an officer).'),
          '409': problem('ambiguous_filing_id: several platforms the caller may see use this id; `filings` links each canonical route.'),
        },
        { parameters: [pathId('filingId'), { name: 'as', in: 'query', schema: { enum: ['received'] } }] },
      ),
    },
    '/v1/filings/{id}/report': {
      get: op(
        'The report stored with a filing (in another language: judged again with the same version).',
        ['officer', 'supervisor', 'auditor'],
        {
          '200': { description: 'OK (SARIF or HTML by Accept)', content: reportContent },
          '400': problem('A bad query parameter.'),
          '404': problem('No such filing (or another platform’s, to an officer).'),
          '409': problem('ambiguous_filing_id: several platforms the caller may see use this id; `filings` links each canonical route.'),
        },
        { parameters: [pathId('filingId'), langParam] },
      ),
    },
    // HARDEN: the canonical filing routes (ids are unique within a platform); the shortcut above answers 409 ambiguous_filing_id
    '/v1/platforms/{platform}/filings/{id}': {
      get: op(
        'A platform’s filing by its id (the canonical route), as parsed, or as received with ?as=received.',
        ['officer', 'supervisor', 'auditor'],
        {
          '200': {
            description: 'OK',
            content: storedFilingContent,
          },
          '400': problem('A bad query parameter.'),
          '404': problem('No such filing on that platform (or another platform’s, to an officer).'),
        },
        {
          parameters: [
            {
              name: 'platform',
              in: 'path',
              required: true,
              description: 'platform id',
              schema: { type: 'string' },
            },
            pathId('filingId'),
            { name: 'as', in: 'query', schema: { enum: ['received'] } },
          ],
        },
      ),
    },
    '/v1/platforms/{platform}/filings/{id}/report': {
      get: op(
        'The report stored with a platform’s filing (the canonical route).',
        ['officer', 'supervisor', 'auditor'],
        {
          '200': { description: 'OK (SARIF or HTML by Accept)', content: reportContent },
          '400': problem('A bad query parameter.'),
          '404': problem('No such filing on that platform (or another platform’s, to an officer).'),
        },
        {
          parameters: [
            {
              name: 'platform',
              in: 'path',
              required: true,
              description: 'platform id',
              schema: { type: 'string' },
            },
            pathId('filingId'),
            langParam,
          ],
        },
      ),
    },
    '/v1/platforms': {
      get: op(
        'Each platform (an officer: their own) with its latest filing and verdict.',
        ['officer', 'supervisor', 'auditor'],
        {
          '200': { description: 'OK', content: json(ref('PlatformList')) },
        },
      ),
    },
    '/v1/platforms/{id}/filings': {
      get: op(
        'A platform’s filings, newest period.end first, a page at a time.',
        ['officer', 'supervisor', 'auditor'],
        {
          '200': { description: 'OK', content: json(ref('FilingPage')) },
          '400': problem('A bad limit or cursor.'),
          '404': problem('No such platform (or not the officer’s).'),
        },
        { parameters: [pathId('platform id'), limitParam(500, 50), cursorParam] },
      ),
    },
    '/v1/scans': {
      post: op(
        'Judge many filings: NDJSON in and out (one line per filing, a summary line last), or the store’s filings.',
        ['supervisor', 'auditor'],
        {
          '200': {
            description: 'The ruleset line (unless full=true), one scan line (full=true: report) or `invalid` line per filing, then the summary line.',
            content: { 'application/x-ndjson': { schema: { type: 'string' } } },
          },
          '202': {
            description: 'A store scan with async: true, queued as a job; Location: /v1/scans/{id}.',
            headers: { Location: { schema: { type: 'string' } } },
            content: json(ref('ScanJob')),
          },
          '400': problem('Malformed JSON (store scans), or a bad query parameter.'),
          '413': problem(
            'A store-scan body over 1 MiB (NDJSON lines over 1 MiB are `invalid` lines instead).',
          ),
          '415': problem('Not application/x-ndjson or application/json.'),
          '422': problem('A store-scan body of the wrong shape.'),
        },
        {
          parameters: [langParam, fullParam],
          requestBody: {
            required: true,
            content: {
              'application/x-ndjson': {
                schema: { type: 'string', description: 'One filing (JSON) per line, each at most 1 MiB.' },
              },
              'application/json': { schema: ref('StoreScan') },
            },
          },
        },
      ),
    },
    // scans of the store run as jobs (DESIGN §10): POST /v1/scans with async: true starts one
    '/v1/scans/{id}': {
      get: op(
        'A scan job: its state, shards done, filings judged so far and the summary so far.',
        ['supervisor', 'auditor'],
        {
          '200': { description: 'OK', content: json(ref('ScanJob')) },
          '404': problem('No such scan.'),
        },
        { parameters: [pathId('The scan id (scan_…).')] },
      ),
      delete: op(
        'Cancel a scan job; shards in flight finish, no more start.',
        ['supervisor', 'auditor'],
        {
          '200': { description: 'The job, cancelled (or already finished).', content: json(ref('ScanJob')) },
          '404': problem('No such scan.'),
        },
        { parameters: [pathId('The scan id (scan_…).')] },
      ),
    },
    '/v1/scans/{id}/results': {
      get: op(
        'A finished scan job’s reports as NDJSON, ending with the summary line.',
        ['supervisor', 'auditor'],
        {
          '200': {
            description: 'The ruleset line (unless full=true), one scan line (full=true: report) or `invalid` line per filing, then the summary line.',
            content: { 'application/x-ndjson': { schema: { type: 'string' } } },
          },
          '400': problem('A bad query parameter.'),
          '404': problem('No such scan.'),
          '409': problem('scan_not_done: the job is still queued or running, or failed or was cancelled.'),
        },
        { parameters: [pathId('The scan id (scan_…).'), fullParam] },
      ),
    },
    // CONSOLE: who am I, and the editor's lint
    '/v1/me': {
      get: op(
        'The signed-in token: its name, role, platforms and expiry.',
        ['officer', 'supervisor', 'auditor'],
        {
          '200': { description: 'OK', content: json(ref('Me')) },
        },
      ),
    },
    '/v1/rules/lint': {
      post: op(
        'Lint a proposed rule file, parameters or waivers together with the rest of the rule set in force; nothing is published.',
        ['supervisor', 'auditor'],
        {
          '200': {
            description: 'Every problem with its line, column, pointer and code (an empty list when clean).',
            content: json(ref('LintResult')),
          },
          '400': problem('Malformed JSON.'),
          '413': problem('Body over 1 MiB.'),
          '415': problem('Not application/json.'),
          '422': problem('The body is not { kind, yaml }.'),
        },
        { requestBody: { required: true, content: json(ref('Lint')) } },
      ),
    },
    '/v1/rules': { get: readRules('rules', 'RuleList') },
    '/v1/rules/versions': {
      get: op('Every published version, newest first.', ['officer', 'supervisor', 'auditor'], {
        '200': { description: 'OK', content: json(ref('VersionList')) },
      }),
    },
    '/v1/rules/{id}': {
      get: {
        ...readRules('rule', 'RuleView'),
        parameters: [pathId('rule id')],
        responses: {
          ...(readRules('rule', 'RuleView').responses as Json),
          '404': problem('No such rule in force.'),
        },
      },
      put: op('Publish a rule (new or changed).', ['supervisor'], versionChange(true), {
        parameters: [pathId('rule id'), ifMatch],
        requestBody: body('PublishRule'),
      }),
      delete: op(
        'Remove a rule.',
        ['supervisor'],
        { ...versionChange(false), '404': problem('No such rule in force.') },
        {
          parameters: [pathId('rule id'), ifMatch],
          requestBody: { required: false, content: json(ref('DeleteRule')) },
        },
      ),
    },
    '/v1/parameters': {
      get: readRules('parameters', 'ParametersView'),
      put: op('Publish the parameters file.', ['supervisor'], versionChange(false), {
        parameters: [ifMatch],
        requestBody: body('PublishParameters'),
      }),
    },
    '/v1/waivers': {
      get: readRules('waivers', 'WaiversView'),
      put: op('Publish the waivers file.', ['supervisor'], versionChange(false), {
        parameters: [ifMatch],
        requestBody: body('PublishWaivers'),
      }),
    },
    '/v1/rules/preview': {
      post: op(
        'Judge the latest filing of each platform (every filing with all: true) with the rules in force and with a proposed change; nothing is published.',
        ['supervisor', 'auditor'],
        {
          '200': {
            description: 'Which verdicts and findings change, per filing and per rule.',
            content: json(ref('PreviewResult')),
          },
          '400': problem('Malformed JSON.'),
          '413': problem('Body over 1 MiB.'),
          '415': problem('Not application/json.'),
          '422': problem('The proposal or the resulting rule set is invalid.'),
        },
        { requestBody: body('Preview') },
      ),
    },
    '/v1/rules/rollback': {
      post: op(
        'Put an earlier published version back in force (as a new label).',
        ['supervisor'],
        versionChange(false),
        { parameters: [ifMatch], requestBody: body('Rollback') },
      ),
    },
    '/v1/audit': {
      get: op(
        'The audit log, newest first.',
        ['supervisor', 'auditor'],
        {
          '200': { description: 'OK', content: json(ref('AuditPage')) },
          '400': problem('A bad limit or cursor.'),
        },
        {
          parameters: [limitParam(500, 100), cursorParam],
        },
      ),
    },
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A token from `compliance token create`.' },
    },
    responses: {
      Problem: {
        description: 'A problem',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    },
    schemas: {
      ...FILE_SCHEMAS,
      RuleInForce: ruleInForce(FILE_SCHEMAS.Rule!),
      ...REQUEST_SCHEMAS,
      // a published rule is YAML text whose content is a rule document
      PublishRule: {
        ...REQUEST_SCHEMAS.PublishRule,
        properties: {
          ...REQUEST_SCHEMAS.PublishRule.properties,
          yaml: {
            ...REQUEST_SCHEMAS.PublishRule.properties.yaml,
            contentMediaType: 'application/yaml',
            contentSchema: ref('Rule'),
          },
        },
      },
      ...ORDER_SCHEMAS,
      // one platform's page: its latest filing as the platform list gives it, or null before any
      PlatformPage: {
        ...ORDER_SCHEMAS.PlatformPage,
        properties: {
          ...(ORDER_SCHEMAS.PlatformPage!.properties as Json),
          latest: { anyOf: [ref('LatestFiling'), { type: 'null' }] },
        },
      },
      ...WATCHLIST_SCHEMAS,
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'code', 'detail', 'problems'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string', description: 'In the caller’s language (`?lang=`, else Accept-Language; zh or en), as are `detail` and each problem’s `message`.' },
          status: { type: 'integer' },
          code: { type: 'string', description: 'Stable: match on this, never on the text.' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          requestId: { type: 'string' },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                pointer: { type: 'string' },
                file: { type: 'string' },
                line: { type: 'integer' },
                column: { type: 'integer' },
              },
            },
          },
        },
      },
      FilingSummary: summaryItem,
      LatestFiling: {
        description: 'A platform’s latest current filing, with its failures by severity and by rule family.',
        allOf: [
          ref('FilingSummary'),
          {
            type: 'object',
            properties: {
              bySeverity,
              failedByFamily: {
                type: 'object',
                additionalProperties: { type: 'integer' },
                description: 'Failed findings per rule family.',
              },
              worstByFamily: {
                type: 'object',
                additionalProperties: { enum: ['critical', 'major', 'minor', 'info'] },
                description:
                  'The most severe failed finding of each rule family (what the console colours by).',
              },
            },
          },
        ],
      },
      StoredFiling: {
        allOf: [
          ref('FilingSummary'),
          {
            type: 'object',
            properties: {
              platformId: { type: 'string' },
              platformName: { type: 'string' },
              received: {
                type: 'object',
                properties: { contentType: { type: 'string' }, bytes: { type: 'integer' } },
              },
              report: { type: 'string', description: 'Path of the stored report.' },
              filing: ref('Filing'),
            },
          },
        ],
      },
      PlatformList: {
        type: 'object',
        properties: {
          platforms: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                platformId: { type: 'string' },
                name: { type: 'string' },
                platformName: { type: 'string' },
                filings: { type: 'integer' },
                latest: ref('LatestFiling'),
                openOrders: {
                  type: 'integer',
                  description: 'Rectification orders open (not rectified, not closed).',
                },
              },
            },
          },
        },
      },
      FilingPage: {
        type: 'object',
        properties: {
          platformId: { type: 'string' },
          items: {
            type: 'array',
            items: {
              allOf: [
                ref('FilingSummary'),
                {
                  type: 'object',
                  properties: {
                    submittedAt: {
                      type: 'string',
                      description: 'The filing’s own submittedAt (else when it was stored).',
                    },
                    bySeverity,
                    membersActive: { type: ['number', 'null'] },
                    meanPerMemberShareCny: {
                      type: ['number', 'null'],
                      description:
                        'Mean perMemberShareCny of the disclosures published within the period, to cents.',
                    },
                    superseded: { type: 'boolean' },
                  },
                },
              ],
            },
          },
          nextCursor: { type: ['string', 'null'] },
        },
      },
      ScanJob: {
        type: 'object',
        required: ['id', 'state', 'shards', 'filings', 'summary'],
        properties: {
          id: { type: 'string' },
          state: { enum: ['queued', 'running', 'done', 'failed', 'cancelled'] },
          shards: { type: 'object', properties: { done: { type: 'integer' }, total: { type: 'integer' } } },
          filings: { type: 'integer', description: 'Filings judged so far.' },
          summary: {
            ...ref('ScanSummary'),
            description:
              'The summary so far: the sum of the done shards’ summaries (the NDJSON summary line).',
          },
          rulesetVersion: { type: 'string' },
          platforms: { type: ['array', 'null'], items: { type: 'string' } },
          createdBy: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          finishedAt: { type: ['string', 'null'], format: 'date-time' },
          error: { type: 'string' },
        },
      },
      ScanSummary: {
        type: 'object',
        description:
          'The last line of a scan: filings judged, refused lines, verdicts, counts per platform and per rule, and the watchlist of the platforms scanned.',
        required: ['type', 'ruleset', 'filings', 'invalid', 'verdicts', 'byPlatform', 'byRule', 'watchlist'],
        properties: {
          type: { const: 'summary' },
          watchlist: {
            type: 'array',
            description: 'The watchlist (DESIGN §5.1) from each platform’s latest filing in the scan, by level, then members.',
            items: { $ref: '#/components/schemas/WatchEntry' },
          },
          id: { type: 'string', description: 'The job’s id (a scan job’s summary only).' },
          ruleset: { type: 'string', description: 'The rule-set version that judged.' },
          filings: { type: 'integer' },
          invalid: { type: 'integer', description: 'Lines refused before judging (`invalid` lines).' },
          verdicts: {
            type: 'object',
            required: ['pass', 'fail', 'error'],
            properties: { pass: { type: 'integer' }, fail: { type: 'integer' }, error: { type: 'integer' } },
          },
          byPlatform: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              required: ['filings', 'pass', 'fail', 'error'],
              properties: {
                filings: { type: 'integer' },
                pass: { type: 'integer' },
                fail: { type: 'integer' },
                error: { type: 'integer' },
              },
            },
          },
          byRule: {
            type: 'object',
            description: 'Per rule id, findings by status.',
            additionalProperties: {
              type: 'object',
              required: STATUSES,
              properties: Object.fromEntries(STATUSES.map((k) => [k, { type: 'integer' }])),
            },
          },
        },
      },
      Me: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          role: { enum: ['officer', 'supervisor', 'auditor'] },
          platforms: { type: 'array', items: { type: 'string' } },
          expires: { type: ['string', 'null'], format: 'date-time' },
        },
      },
      LintResult: {
        type: 'object',
        properties: {
          version: { type: 'string', description: 'The rule set in force the proposal was linted with.' },
          label: { type: 'integer' },
          kind: { enum: ['rule', 'parameters', 'waivers'] },
          file: { type: 'string' },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'message', 'line', 'column', 'pointer'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                line: { type: 'integer' },
                column: { type: 'integer' },
                pointer: { type: 'string' },
                file: { type: 'string' },
                inThisFile: { type: 'boolean' },
              },
            },
          },
        },
      },
      RuleList: {
        type: 'object',
        properties: {
          version: { type: 'string' },
          label: { type: 'integer' },
          rules: { type: 'array', items: ref('RuleInForce') },
        },
      },
      RuleView: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          version: { type: 'string' },
          label: { type: 'integer' },
          rule: ref('RuleInForce'),
          yaml: { type: ['string', 'null'] },
        },
      },
      ParametersView: {
        type: 'object',
        properties: {
          version: { type: 'string' },
          label: { type: 'integer' },
          parameters: ref('Parameters'),
          yaml: { type: ['string', 'null'] },
        },
      },
      WaiversView: {
        type: 'object',
        properties: {
          version: { type: 'string' },
          label: { type: 'integer' },
          waivers: ref('Waivers'),
          yaml: { type: ['string', 'null'] },
        },
      },
      VersionList: {
        type: 'object',
        properties: {
          current: { type: 'string' },
          versions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                label: { type: 'integer' },
                version: { type: 'string' },
                rules: { type: 'integer' },
                author: { type: 'string' },
                note: { type: 'string' },
                createdAt: { type: 'string', format: 'date-time' },
                at: {
                  type: 'string',
                  format: 'date-time',
                  description: 'When it was published (= createdAt).',
                },
                token: { type: 'string', description: 'The token name that published it (= author).' },
                current: { type: 'boolean' },
              },
            },
          },
        },
      },
      Publication: {
        type: 'object',
        properties: {
          changed: { type: 'boolean' },
          version: { type: 'string' },
          label: { type: 'integer' },
          previous: {
            type: 'object',
            properties: { version: { type: 'string' }, label: { type: 'integer' } },
          },
          rules: { type: 'integer' },
          audit: { type: 'integer', description: 'The audit entry’s id.' },
        },
      },
      PreviewResult: {
        type: 'object',
        properties: {
          scope: { enum: ['latest', 'all'] },
          current: { type: 'string' },
          proposed: { type: 'string' },
          ruleSet: {
            type: 'object',
            description: 'What the proposal changes in the rule set itself, before any filing is judged.',
            properties: {
              rules: {
                type: 'object',
                properties: {
                  added: { type: 'array', items: { type: 'string' } },
                  changed: { type: 'array', items: { type: 'string' } },
                  removed: { type: 'array', items: { type: 'string' } },
                },
              },
              parameters: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    values: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['from', 'kind'],
                        properties: {
                          from: { type: 'string', format: 'date' },
                          kind: { enum: ['added', 'changed', 'removed'] },
                          value: { description: 'The proposed value (absent when removed).' },
                          was: { description: 'The value in force that day (absent when none).' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          filings: { type: 'integer' },
          verdictChanges: { type: 'integer' },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                filingId: { type: 'string' },
                platformId: { type: 'string' },
                asOf: { type: 'string' },
                verdict: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
                findings: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      ruleId: { type: 'string' },
                      from: { type: 'string' },
                      to: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
          byRule: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              properties: {
                appeared: { type: 'integer' },
                disappeared: { type: 'integer' },
                changed: { type: 'integer' },
              },
            },
          },
        },
      },
      AuditPage: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                at: { type: 'string', format: 'date-time' },
                actor: { type: 'string' },
                action: {
                  enum: [
                    'seed',
                    'publish-rule',
                    'delete-rule',
                    'publish-parameters',
                    'publish-waivers',
                    'rollback',
                    'token-create',
                    'token-revoke',
                    'order-open',
                    'order-move',
                    'order-close',
                  ],
                },
                actionLabel: {
                  type: 'string',
                  description: 'The action in the caller’s language (`?lang=`, else Accept-Language; zh or en): what a person reads. Match on `action`.',
                },
                target: { type: ['string', 'null'] },
                note: { type: 'string' },
                before: { type: ['string', 'null'] },
                after: { type: ['string', 'null'] },
                version: {
                  type: ['string', 'null'],
                  description: 'The rule-set version a rule-set change (seed, publish-*, delete-rule, rollback) put in force; null for other entries.',
                },
                orderId: {
                  type: ['string', 'null'],
                  description: 'The rectification order an order-* entry changed.',
                },
                filingId: {
                  type: ['string', 'null'],
                  description:
                    'The filing an order was opened from (order-open) or that moved it (order-move).',
                },
              },
            },
          },
          nextCursor: { type: ['string', 'null'] },
        },
      },
    },
  },
};

const AUTH_ANSWERS = new Set(['401', '403', '429']);
const PATH_PARAMS = new Map<string, string>([
  ['id', 'The id of the resource the path names.'],
  ['platform', 'A platform id.'],
]);

/** `/v1/filings/:id` → `/v1/filings/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** `get /v1/platforms/{platform}/filings/{id}` → `getPlatformsPlatformFilingsId`: unique as method and path are. */
export function operationId(method: string, path: string): string {
  const words = openApiPath(path)
    .split('/')
    .filter((w) => w !== '' && w !== 'v1')
    .flatMap((w) => w.replace(/[{}]/g, '').split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== '');
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * One route's operation: the words from DOCS; the path parameters, operationId, roles, security and
 * the authentication answers from the route itself, so none of them can disagree with what is served.
 */
function operation(route: Route, doc: Json | undefined): Json {
  const path = openApiPath(route.path);
  const given = (doc ?? {
    summary: `${route.method.toUpperCase()} ${path}`,
    responses: { '200': { description: 'OK' } },
  }) as Json;
  const {
    security: _s,
    'x-roles': _r,
    parameters = [],
    responses = {},
    ...rest
  } = given as Json & { parameters?: Json[]; responses?: Json };
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const documented = new Map(
    (parameters as Json[]).filter((p) => p.in === 'path').map((p) => [p.name as string, p]),
  );
  // a path parameter documented under the name the route used before is still this one
  const spare = [...documented.values()].filter((p) => !names.includes(p.name as string));
  const pathParams = names.map((name) => ({
    name,
    in: 'path',
    required: true,
    description:
      ((documented.get(name) ?? spare.shift())?.description as string | undefined) ??
      PATH_PARAMS.get(name) ??
      name,
    schema: { type: 'string' },
  }));
  const answers = Object.fromEntries(Object.entries(responses).filter(([code]) => !AUTH_ANSWERS.has(code)));
  const roles = route.access;
  const open = roles === 'public';
  return {
    operationId: operationId(route.method, route.path),
    ...rest,
    parameters: [...pathParams, ...(parameters as Json[]).filter((p) => p.in !== 'path')],
    ...(open ? { security: [] } : { 'x-roles': roles }),
    responses: {
      ...answers,
      ...(open
        ? {}
        : {
            '401': problem('No token, or an unknown, expired or revoked one.'),
            ...(roles.length < 3 || (responses as Json)['403']
              ? { '403': (responses as Json)['403'] ?? problem(`Only for: ${roles.join(', ')}.`) }
              : {}),
            '429': problem('Over the per-token rate limit; see Retry-After.'),
          }),
    },
  };
}

/** Operations documented in DOCS but served by no route (a test keeps this empty). */
export function undocumented(routes: readonly Route[]): string[] {
  const paths = DOCS.paths as Record<string, Record<string, Json>>;
  return routes
    .filter((r) => paths[openApiPath(r.path)]?.[r.method] === undefined)
    .map((r) => `${r.method.toUpperCase()} ${r.path}`);
}

const cache = new WeakMap<readonly Route[], Json>();

/** The OpenAPI 3.1 document served at /openapi.json: exactly the routes given, in their order. */
export function openApiDocument(routes: readonly Route[]): Json {
  let doc = cache.get(routes);
  if (doc) return doc;
  const docs = DOCS.paths as Record<string, Record<string, Json>>;
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = openApiPath(r.path);
    paths[path] = {
      ...paths[path],
      [r.method]: operation(r, Object.hasOwn(docs, path) ? docs[path]![r.method] : undefined),
    };
  }
  doc = forClients({ ...DOCS, paths }) as Json;
  cache.set(routes, doc);
  return doc;
}
