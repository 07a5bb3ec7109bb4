// A scan worker thread: rebuilds the rule set from its sources once, then judges batches of items.

import { parentPort, workerData } from 'node:worker_threads';
import { Judge } from '../engine/index.js';
import { parseRuleSet } from '../rules/parse.js';
import type { Lang, RuleSetSources } from '../rules/types.js';
import { judgeItem, type ScanItem } from './judge-item.js';

const { sources, lang } = workerData as { sources: RuleSetSources; lang: Lang };
const judge = new Judge(parseRuleSet(sources));

parentPort!.on('message', (msg: { seq: number; items: ScanItem[] }) => {
  parentPort!.postMessage({ seq: msg.seq, results: msg.items.map((item) => judgeItem(judge, item, lang)) });
});
