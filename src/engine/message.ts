// Messages: `{{placeholders}}` filled from a finding's evidence (the first offending item) plus "(+N more)".

import type { Filing } from '../filing/types.js';
import type { Lang } from '../rules/types.js';

const MORE: Record<Lang, (n: number) => string> = {
  en: (n) => ` (+${n} more)`,
  zh: (n) => `（另有${n}项）`,
};

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A template split once into literal text (even indices) and placeholder names (odd indices). */
interface Template {
  parts: string[];
  names: Set<string>;
}
const templates = new Map<string, Template>();

function template(text: string): Template {
  let t = templates.get(text);
  if (!t) {
    const parts = text.split(/\{\{\s*([^}\s]+)\s*\}\}/g);
    t = { parts, names: new Set(parts.filter((_, i) => i % 2 === 1)) };
    templates.set(text, t);
  }
  return t;
}

/**
 * Fills a message template. Each list in the evidence contributes its first item's fields, each
 * object its fields, each other value its own key; when the list whose fields the message uses has
 * more than one item, "(+N more)" is added.
 * @example renderMessage('Fee {{value}} on {{name}}', { items: [{ name: 'A', value: 0.1 }] }, filing, 'en')
 */
export function renderMessage(text: string, evidence: Record<string, unknown>, filing: Filing, lang: Lang): string {
  const { parts, names } = template(text);
  const context: Record<string, unknown> = {
    platform: filing.platform.name,
    platformId: filing.platform.id,
    filingId: filing.filingId,
    asOf: filing.period.end,
  };
  let more = 0;
  for (const key in evidence) {
    const value = evidence[key];
    if (!(key in context)) context[key] = value;
    if (Array.isArray(value)) {
      const first = value[0] as Record<string, unknown> | undefined;
      if (first && typeof first === 'object') {
        let usesItem = false;
        for (const f in first) {
          if (names.has(f)) usesItem = true;
          if (!(f in context)) context[f] = first[f];
        }
        if (more === 0 && value.length > 1 && usesItem) more = value.length - 1;
      }
    } else if (value && typeof value === 'object') {
      for (const f in value as Record<string, unknown>) if (!(f in context)) context[f] = (value as Record<string, unknown>)[f];
    }
  }
  context.more = more;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += show(context[parts[i]!]) + parts[i + 1]!;
  return more > 0 && !names.has('more') ? out + MORE[lang](more) : out;
}
