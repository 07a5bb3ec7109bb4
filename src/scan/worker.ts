// A scan worker thread: judges batches (parsed items, or raw NDJSON bytes it splits itself) and sends
// the output back as UTF-8 bytes, moved rather than copied, so the main thread only writes them.

import { parentPort, workerData } from 'node:worker_threads';
import { Judge } from '../engine/index.js';
import { judgeBatch, ndjsonBatchItems, type ScanItem } from './judge-item.js';
import type { Job, PoolSpec } from './pool.js';

// the rule set arrives already parsed and linted: a worker only compiles it
const { ruleSet, lang, lines } = workerData as PoolSpec;
const judge = new Judge(ruleSet);

parentPort!.postMessage({ ready: true });

parentPort!.on('message', (job: { seq: number } & Job) => {
  const items: ScanItem[] = 'items' in job ? job.items : ndjsonBatchItems(job.bytes, job.name, job.firstLine, job.histories, job.validated, job.refusals);
  const result = judgeBatch(judge, items, lang, lines);
  parentPort!.postMessage({ seq: job.seq, result }, [result.out.buffer as ArrayBuffer]);
});
