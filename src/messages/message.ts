// A message as data: a key into the catalogue and the values it is filled with, rendered in a language only
// where someone reads it (the HTTP layer, the CLI), as reports are (DESIGN §8, "In the caller's language").

/** The languages every message is written in (the report languages: `Lang` of src/rules/types.ts). */
export const MESSAGE_LANGS = ['en', 'zh'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/** What a message may be filled with: plain data only, so it crosses a worker thread or a JSON line as it is. */
export type MessageValue = string | number | boolean | null | readonly MessageValue[] | Message | { readonly [name: string]: MessageValue };

/** A message before it is words: which text, and with what. */
export interface Message {
  readonly key: string;
  readonly values: { readonly [name: string]: MessageValue };
}

/** A message with its English words already made: what a problem or an error carries (`message` stays English). */
export interface Said {
  message: string;
  msg: Message;
}

/** Renders a nested message in the language being written. */
export type Nested = (m: Message) => string;

/** How one message reads in each language. */
export interface Texts<V> {
  en: (v: V, t: Nested) => string;
  zh: (v: V, t: Nested) => string;
}

/** One catalogue entry: the same values, a text per language. */
export function texts<V>(en: (v: V, t: Nested) => string, zh: (v: V, t: Nested) => string): Texts<V> {
  return { en, zh };
}

/** A name or value from the document inside a Chinese sentence: quoted “so”, as a reader tells it from the words. */
export function q(value: unknown): string {
  return `“${String(value)}”`;
}

/** A list in Chinese: 、 between the items. */
export function zhList(items: readonly unknown[]): string {
  return items.map(String).join('、');
}

/** True for a Message value (a nested message). */
export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Message).key === 'string' && typeof (v as Message).values === 'object';
}
