// Canonical JSON (sorted keys, no spaces) and the rule-set version hash computed over it.

import { createHash } from 'node:crypto';
import type { Parameters, Rule, Waiver } from './types.js';

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** `sha256:` over the canonical form of the rule documents (by id), parameters and waivers together. */
export function ruleSetVersion(rules: readonly Rule[], parameters: Parameters, waivers: readonly Waiver[]): string {
  const docs = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ file: _file, ...doc }) => doc);
  const text = canonicalJson({ rules: docs, parameters, waivers });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
