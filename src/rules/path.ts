// Plain paths (`a.b[0].c`): the only kind of path a rule may use. No JSONPath filter or script is ever evaluated.

const PLAIN_PATH = /^[A-Za-z_$][A-Za-z0-9_$-]*(?:\.[A-Za-z_$][A-Za-z0-9_$-]*|\.\d+|\[\d+\])*$/;

/** True when `path` is a plain dotted/indexed path such as `funds.custody.segregated` or `products[0].name`. */
export function isPlainPath(path: string): boolean {
  return PLAIN_PATH.test(path);
}

/** `products[0].name` → `['products', '0', 'name']`. */
export function pathSegments(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.');
}
