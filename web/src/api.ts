// Calls the service's API with the signed-in token: the console does nothing a token could not do with curl.

/** A JSON body as the pages read it: the API's shapes are documented in /openapi.json, not re-declared here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** An answer from the API: its status, and the body as JSON (when it is JSON) and as text. */
export interface Answer<T = Json> {
  status: number;
  ok: boolean;
  json: T;
  text: string;
  headers: Headers;
}

const TOKEN_KEY = 'compliance.token';

/** The console's language, sent with every request (Accept-Language) so the API answers people in it. */
let apiLang = 'en';

/** Sets the language every later request asks the API for (the language switch calls it). */
export function setApiLang(lang: string): void {
  apiLang = lang;
}

/** The token is kept for the browser session (this tab) only. */
export const session = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Content-Type of a string body (default: JSON for objects). */
  type?: string;
  accept?: string;
  headers?: Record<string, string>;
  /** The language to ask for (default: the console's, set by setApiLang). */
  lang?: string;
}

/** One request to the API, in the console's language. Problems (RFC 9457) come back as answers, not exceptions. */
export async function call<T = Json>(path: string, opts: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = session.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.accept) headers.accept = opts.accept;
  headers['accept-language'] = opts.lang ?? apiLang;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] = opts.type ?? 'application/json';
  }
  const res = await fetch(path, { method: opts.method ?? 'GET', headers, body });
  const text = await res.text();
  let json: Json = null;
  const ct = res.headers.get('content-type') ?? '';
  if (ct.includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: res.status, ok: res.ok, json: json as T, text, headers: res.headers };
}

/** The media type of a pasted filing: YAML unless it starts like JSON. */
export function filingType(text: string): string {
  return /^\s*[{[]/.test(text) ? 'application/json' : 'application/yaml';
}

/** Saves text as a file the browser downloads. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A query string from the defined values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
