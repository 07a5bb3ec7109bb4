// The message catalogue: every text the service and the CLI give people, by key, in each language; `say` makes
// a problem's message (English words and the key with its values), `render` words it in another language.

import { APP_MESSAGES } from './app.js';
import { FILING_MESSAGES } from './filing.js';
import { HTTP_MESSAGES } from './http.js';
import { isMessage, type Message, type MessageLang, type Nested, type Said } from './message.js';
import { RULE_MESSAGES } from './rules.js';
import { SCHEMA_MESSAGES } from './schema.js';
import { YAML_MESSAGES } from './yaml.js';

export { MESSAGE_LANGS, isMessage, type Message, type MessageLang, type MessageValue, type Said } from './message.js';
export { auditActionLabel } from './audit.js';

const CATALOGUE = {
  ...SCHEMA_MESSAGES,
  ...FILING_MESSAGES,
  ...YAML_MESSAGES,
  ...RULE_MESSAGES,
  ...HTTP_MESSAGES,
  ...APP_MESSAGES,
} as const;

type Catalogue = typeof CATALOGUE;
/** Every message there is. */
export type MessageKey = keyof Catalogue;
/** The values a message is filled with. */
export type ValuesOf<K extends MessageKey> = Parameters<Catalogue[K]['en']>[0];

/** Every key of the catalogue (what a test renders in each language). */
export const MESSAGE_KEYS = Object.keys(CATALOGUE) as MessageKey[];

/**
 * A message with its English words: spread it into a problem (`{ code, ...say('rules.unknown_operator', { operator }) }`)
 * or give it to an error; the key and values go along, for the edge to word it in the reader's language.
 * @example say('http.no_filing', { id: 'xhb-2021-12' }).message // → 'no filing xhb-2021-12'
 */
export function say<K extends MessageKey>(key: K, values: ValuesOf<K>): Said {
  const msg = { key, values } as unknown as Message;
  return { message: render(msg, 'en'), msg };
}

/** A message in `lang`; an unknown key (a message from a newer version) reads as the key itself. */
export function render(msg: Message, lang: MessageLang): string {
  if (!Object.hasOwn(CATALOGUE, msg.key)) return msg.key;
  const entry = CATALOGUE[msg.key as MessageKey] as unknown as Record<MessageLang, (v: unknown, t: Nested) => string>;
  return entry[lang](msg.values, (m) => render(m, lang));
}

/** Something with a message for people: a problem, an error's item. */
export interface Worded {
  message: string;
  msg?: Message;
}

/**
 * The item as the reader gets it: `message` in `lang` (English as it was made; another language from
 * its key, else `fallback`), without the key and values it was made from.
 */
export function inLanguage<T extends Worded>(item: T, lang: MessageLang, fallback?: string): Omit<T, 'msg'> {
  const { msg, ...rest } = item;
  if (lang === 'en') return rest;
  const message = msg && isMessage(msg) ? render(msg, lang) : (fallback ?? item.message);
  return { ...rest, message };
}
