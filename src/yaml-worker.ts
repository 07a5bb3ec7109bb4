// The YAML worker thread: parses the texts it is sent (src/yaml-worker-pool.ts sends them) and answers with plain data.

import { parentPort } from 'node:worker_threads';
import { parseYamlPlain, type YamlParse } from './yaml.js';

/** A text to parse, numbered so the answer can be matched to it. */
export interface YamlJob {
  id: number;
  text: string;
}

/** The answer: the parse as plain data, or `failed` when the parser threw what it never should. */
export type YamlAnswer = { id: number; parsed: YamlParse } | { id: number; failed: true };

parentPort?.on('message', (job: YamlJob) => {
  let answer: YamlAnswer;
  try {
    answer = { id: job.id, parsed: parseYamlPlain(job.text) };
  } catch {
    // parseYamlPlain answers every problem in words; a throw here is a bug, reported without its text
    answer = { id: job.id, failed: true };
  }
  // the position table is moved, not copied
  const moved =
    'parsed' in answer && answer.parsed.ok ? [answer.parsed.positions.at.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(answer, moved);
});
