// JSON Schemas (draft-07 files with `definitions`) as OpenAPI 3.1 components: each definition hoisted to a
// component of its own, every $ref rewritten to it, and the draft's $schema and $id left behind; and the
// whole document as typed clients read it (openapi-typescript): open objects said open, if/then/else as anyOf.

type Json = Record<string, unknown>;

/** A component name for definition `key` of schema `owner` (OpenAPI allows letters, digits, . _ -). */
const componentName = (owner: string, key: string) => `${owner}.${key.replace(/[^A-Za-z0-9._-]/g, '_')}`;

/** Rewrites `$ref`s within one schema file: `#` → the file's component, `#/definitions/x` → x's component. */
function rewrite(value: unknown, owner: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, owner));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (k === '$ref' && typeof v === 'string') out[k] = target(v, owner);
    else out[k] = rewrite(v, owner);
  }
  return out;
}

function target(ref: string, owner: string): string {
  if (ref === '#') return `#/components/schemas/${owner}`;
  const m = /^#\/definitions\/([^/]+)$/.exec(ref);
  if (m)
    return `#/components/schemas/${componentName(owner, decodeURIComponent(m[1]!).replace(/~1/g, '/').replace(/~0/g, '~'))}`;
  throw new Error(`${owner}: cannot place $ref ${ref} in the OpenAPI document`);
}

/** The components for named schema files: each file, and each of its definitions beside it. */
export function componentsOf(files: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [owner, schema] of Object.entries(files)) {
    const { $schema: _draft, $id: _id, definitions = {}, ...body } = schema as Json & { definitions?: Json };
    out[owner] = rewrite(body, owner) as Json;
    for (const [key, def] of Object.entries(definitions))
      out[componentName(owner, key)] = rewrite(def, owner) as Json;
  }
  return out;
}

const isObjectType = (type: unknown) => type === 'object' || (Array.isArray(type) && type.includes('object'));
/** Keywords that give an object schema its shape: without any of them it allows every member. */
const SHAPED_BY = [
  'properties',
  'additionalProperties',
  'patternProperties',
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
];
const own = (node: Json, key: string) => Object.hasOwn(node, key);
/** A schema that allows everything: absent, `true` or `{}`. */
const allowsAll = (schema: unknown) =>
  schema === undefined ||
  schema === true ||
  (typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0);

/**
 * The document as code generators read it, meaning what JSON Schema means (validators still use the files):
 * - an object schema with no `properties`, `additionalProperties` or combinator (`{ type: object }`, an
 *   evidence, a trace, a test case's `set`) says `additionalProperties: true`: JSON Schema leaves such an
 *   object open, but openapi-typescript reads it as `Record<string, never>`, which no real object satisfies;
 * - `if`/`then`/`else`, which generators ignore, becomes `anyOf: [then, else]` (every value the condition
 *   allows is allowed by one branch), or is dropped where a branch allows everything (then so does the
 *   pair); an `allOf` left with nothing to say goes too.
 *
 * @example forClients({ type: 'object' }) // → { type: 'object', additionalProperties: true }
 */
export function forClients(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forClients);
  if (value === null || typeof value !== 'object') return value;
  const node = value as Json;
  const conditional = own(node, 'if') && (own(node, 'then') || own(node, 'else'));
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (conditional && (k === 'if' || k === 'then' || k === 'else')) continue;
    out[k] = forClients(v);
  }
  if (conditional && !allowsAll(node.then) && !allowsAll(node.else)) {
    const branches = { anyOf: [forClients(node.then), forClients(node.else)] };
    if (own(out, 'anyOf')) {
      out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), { anyOf: out.anyOf }, branches];
      delete out.anyOf;
    } else out.anyOf = branches.anyOf;
  }
  if (Array.isArray(out.allOf)) {
    const kept = out.allOf.filter((s) => !allowsAll(s));
    if (kept.length > 0) out.allOf = kept;
    else delete out.allOf;
  }
  if (isObjectType(out.type) && !SHAPED_BY.some((k) => own(out, k))) out.additionalProperties = true;
  return out;
}
