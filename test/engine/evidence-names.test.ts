// Condition names that are also Object.prototype's (`constructor`, `toString`) are ordinary evidence keys, alike on both evaluators.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { makeFiling } from '../support/filing-factory.js';
import { ruleDoc, ruleSetOf } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

describe('evidence keys', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'a condition named %s gives its value as evidence, on the fast path as on json-rules-engine',
    async (name) => {
      const ruleSet = ruleSetOf({
        rules: [ruleDoc({ when: { fact: 'count', params: { of: 'products' }, operator: 'greaterThan', value: -1, name } })],
      });
      const judge = new Judge(ruleSet);
      const filing = makeFiling();
      const fast = judgeReport(judge, filing).findings.find((f) => f.ruleId === 'TEST-001')!;
      const reference = (await judgeReferenceReport(judge, filing)).findings.find((f) => f.ruleId === 'TEST-001')!;
      expect(fast.status).toBe('fail');
      const evidence = (fast as { evidence?: Record<string, unknown> }).evidence!;
      expect(Object.hasOwn(evidence, name)).toBe(true);
      expect(typeof evidence[name]).toBe('number');
      expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
    },
  );
});
