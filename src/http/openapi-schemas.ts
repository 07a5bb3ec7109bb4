// JSON Schemas (draft-07 files with `definitions`) as OpenAPI 3.1 components: each definition hoisted to a
// component of its own, every $ref rewritten to it, and the draft's $schema and $id left behind.

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
