// Parameter references (`{ param: name }`) in rule values, replaced by the values in force.

import { isParamRef } from './types.js';

/** Replaces parameter references in a value (deeply) by their values. */
export function bindParams<T>(value: T, values: Record<string, unknown>): T {
  if (isParamRef(value)) return (Object.hasOwn(values, value.param) ? values[value.param] : undefined) as T;
  if (Array.isArray(value)) return value.map((v) => bindParams(v, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bindParams(v, values)])) as T;
  }
  return value;
}
