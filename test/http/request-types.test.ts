// Request body types are derived from the JSON Schemas that check them (src/http/from-schema.ts): these
// assertions are checked by `npm run typecheck`, and fail it when a schema and its type part ways.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkBody, type RequestBody } from '../../src/http/requests.js';

describe('request body types', () => {
  it('follow the schemas: required fields required, the others optional, consts and enums literal', () => {
    expectTypeOf<RequestBody<'Rollback'>>().toEqualTypeOf<{ version: string; note: string }>();
    expectTypeOf<RequestBody<'DeleteRule'>>().toEqualTypeOf<{ note?: string }>();
    expectTypeOf<RequestBody<'Lint'>>().toEqualTypeOf<{
      kind: 'rule' | 'parameters' | 'waivers';
      yaml: string;
    }>();
    expectTypeOf<RequestBody<'StoreScan'>>().toEqualTypeOf<{
      source: 'store';
      platforms?: string[];
      all?: boolean;
      async?: boolean;
      shardSize?: number;
    }>();
    expectTypeOf<RequestBody<'PublishParameters'>['parameters']>().toEqualTypeOf<
      Record<string, unknown> | string
    >();
    expectTypeOf<RequestBody<'Preview'>['rules']>().toEqualTypeOf<
      Record<string, string | null> | undefined
    >();
  });

  it('and the value checked is the value typed', () => {
    const body = checkBody('Rollback', { version: `sha256:${'a'.repeat(64)}`, note: 'why' });
    expect(body.note).toBe('why');
    expect(() => checkBody('Rollback', { version: 'v1', note: 'why' })).toThrow();
  });
});
