// A YAML text with several documents is refused in our words, never with the yaml library's API advice.

import { describe, expect, it } from 'vitest';
import { readFiling } from '../src/filing/validate.js';
import { ComplianceError } from '../src/errors.js';

describe('several YAML documents in one text', () => {
  it('are refused with a message a person can act on, located at the second document', () => {
    try {
      readFiling('schemaVersion: 2\n---\nschemaVersion: 1\n', 'two.yaml');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ComplianceError);
      const text = JSON.stringify((e as ComplianceError).problems);
      expect(text).toMatch(/more than one YAML document/);
      expect(text).not.toMatch(/parseAllDocuments/);
      expect((e as ComplianceError).problems[0]!.line).toBe(2);
    }
  });
});
