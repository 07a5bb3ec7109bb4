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

/**
 * Fills a message template. Each list in the evidence contributes its first item's fields, each
 * object its fields, each other value its own key; when the list whose fields the message uses has
 * more than one item, "(+N more)" is added.
 * @example renderMessage('Fee {{value}} on {{name}}', { items: [{ name: 'A', value: 0.1 }] }, filing, 'en')
 */
export function renderMessage(template: string, evidence: Record<string, unknown>, filing: Filing, lang: Lang): string {
  const context: Record<string, unknown> = {
    platform: filing.platform.name,
    platformId: filing.platform.id,
    filingId: filing.filingId,
    asOf: filing.period.end,
  };
  const used = [...template.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
  let more = 0;
  for (const [key, value] of Object.entries(evidence)) {
    if (!(key in context)) context[key] = value;
    if (Array.isArray(value)) {
      const first = value[0] as Record<string, unknown> | undefined;
      if (first && typeof first === 'object') {
        const fields = Object.keys(first);
        if (more === 0 && value.length > 1 && used.some((u) => fields.includes(u))) more = value.length - 1;
        for (const f of fields) if (!(f in context)) context[f] = first[f];
      }
    } else if (value && typeof value === 'object') {
      for (const [f, v] of Object.entries(value)) if (!(f in context)) context[f] = v;
    }
  }
  context.more = more;
  const text = template.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_m, name: string) => show(context[name]));
  return more > 0 && !used.includes('more') ? text + MORE[lang](more) : text;
}
