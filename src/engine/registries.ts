// This engine's registries, as the linter receives them (src/rules/registries.ts): every caller that parses a
// rule set for this engine hands them over.

import type { Registries } from '../rules/registries.js';
import { FACTS } from './facts/index.js';
import { customOperator, LIST_VALUE_OPERATORS, parseOperator } from './operators.js';

/** The facts and operators rules may use with this engine. */
export const REGISTRIES: Registries = {
  facts: FACTS,
  operators: {
    parse: parseOperator,
    isCustom: (base) => customOperator(base) !== undefined,
    listValue: LIST_VALUE_OPERATORS,
  },
};
