// Message templates (docs/rules.md "Messages"): `{{name}}` placeholders, and sections that show their text
// only in one case: `{{#name}}…{{/name}}` where the value is given, `{{^name}}…{{/name}}` where it is not.

/** A piece of a template: literal text, a placeholder, or a section with its own pieces. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'section'; name: string; inverted: boolean; body: TemplateNode[] };

/**
 * A template parsed once: its pieces, and every name it uses (placeholders and sections). A malformed
 * section tag is named with its sigil (`#x` never closed, `/x` closing nothing), which no fact
 * provides, so the linter refuses it as an unknown placeholder.
 */
export interface ParsedTemplate {
  nodes: TemplateNode[];
  names: Set<string>;
}

const TAG = /\{\{\s*([#^/]?)\s*([^}\s]+)\s*\}\}/g;

/**
 * Parses a message template. A section closed by another name, or never closed, is named with its
 * sigil for the linter to refuse; the pieces are still usable: a stray `{{/name}}` is dropped and an
 * unclosed section runs to the end.
 * @example parseTemplate('{{#days}}申请期{{days}}天{{/days}}{{^days}}未公告申请期{{/days}}').names // → Set { 'days' }
 */
export function parseTemplate(text: string): ParsedTemplate {
  const root: TemplateNode[] = [];
  const names = new Set<string>();
  const open: { name: string; body: TemplateNode[] }[] = [];
  let body = root;
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    if (m.index > last) body.push({ kind: 'text', text: text.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, name] = m as unknown as [string, string, string];
    if (sigil !== '/') names.add(name);
    if (sigil === '') body.push({ kind: 'value', name });
    else if (sigil === '/') {
      const top = open[open.length - 1];
      if (top === undefined || top.name !== name) {
        names.add(`/${name}`);
        continue;
      }
      open.pop();
      body = open.length > 0 ? open[open.length - 1]!.body : root;
    } else {
      const section: TemplateNode = { kind: 'section', name, inverted: sigil === '^', body: [] };
      body.push(section);
      open.push({ name, body: section.body });
      body = section.body;
    }
  }
  if (last < text.length) body.push({ kind: 'text', text: text.slice(last) });
  for (const s of open) names.add(`#${s.name}`);
  return { nodes: root, names };
}
