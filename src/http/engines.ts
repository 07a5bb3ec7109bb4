// The rule set in force lives in the application layer (src/app/ruleset.ts); this keeps the http imports.

export { Engines, type EngineState } from '../app/ruleset.js';
