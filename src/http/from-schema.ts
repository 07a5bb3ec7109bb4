// The TypeScript type of a JSON Schema written `as const` (the subset requests.ts uses), so a request
// body's type is derived from the schema that checks it instead of being written a second time.

type Prim = {
  string: string;
  integer: number;
  number: number;
  boolean: boolean;
  null: null;
  array: unknown[];
  object: Record<string, unknown>;
};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value type of an object schema: required properties required, the others optional. */
type ObjectOf<S> = S extends { properties: infer P }
  ? Simplify<
      { -readonly [K in keyof P as K extends Req<S> ? K : never]: FromSchema<P[K]> } & {
        -readonly [K in keyof P as K extends Req<S> ? never : K]?: FromSchema<P[K]>;
      }
    >
  : S extends { additionalProperties: infer A }
    ? A extends object
      ? Record<string, FromSchema<A>>
      : Record<string, unknown>
    : Record<string, unknown>;

type Req<S> = S extends { required: readonly (infer R)[] } ? R : never;

type OfType<S, T> = T extends 'object'
  ? ObjectOf<S>
  : T extends 'array'
    ? ArrayOf<S>
    : T extends keyof Prim
      ? Prim[T]
      : unknown;

type ArrayOf<S> = S extends { items: infer I } ? FromSchema<I>[] : unknown[];

/** The type of values a schema accepts. */
export type FromSchema<S> = S extends { const: infer C }
  ? C
  : S extends { enum: readonly (infer E)[] }
    ? E
    : S extends { anyOf: readonly (infer A)[] }
      ? FromSchema<A>
      : S extends { type: readonly (infer T)[] }
        ? OfType<S, T>
        : S extends { type: infer T }
          ? OfType<S, T>
          : S extends { properties: object }
            ? ObjectOf<S>
            : unknown;
