// Scans: NDJSON in and out, streamed both ways with backpressure, or a re-judging of stored filings.
// Judged on the event loop in slices (the scan's `workers: 0`, src/scan/slice.ts): other requests are
// answered between them; an async store scan goes to the queue, whose shards are judged on threads.

import type { Response } from 'express';
import { scan, type ItemResult, type ScanItem } from '../../scan/index.js';
import type { StoredDocument } from '../../store/types.js';
import { requireMediaType } from '../body.js';
import type { AppContext } from '../context.js';
import { requestedLang } from '../lang.js';
import { ndjsonItems, type LineRefusal } from '../ndjson.js';
import { readBody } from '../requests.js';
import type { Route } from './types.js';
import { startScanJob } from './scan-jobs.js';
import { storeHistory } from '../history.js';
import { outputFormat } from '../../report/formats.js';
import { queryFlag } from '../query.js';

// a stored filing was validated when it was stored: a scan of the store only parses it (DESIGN §10)
async function* storedItems(docs: AsyncIterable<StoredDocument>): AsyncGenerator<ScanItem> {
  for await (const d of docs) yield { source: d.filingId, text: d.parsedJson, format: 'json', validated: true };
}

/**
 * Writes lines to the answer: a write resolves once the socket has room again (one wait shared by the
 * lines written meanwhile, never a listener per line), or rejects when the client has gone.
 */
function lineWriter(res: Response): (line: string) => Promise<void> | undefined {
  let room: Promise<void> | undefined;
  return (line) => {
    if (res.destroyed) return Promise.reject(new Error('the client closed the connection'));
    if (res.write(line + '\n') && !room) return undefined;
    room ??= new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        res.off('close', onClose);
        room = undefined;
        resolve();
      };
      const onClose = () => {
        res.off('drain', onDrain);
        room = undefined;
        reject(new Error('the client closed the connection'));
      };
      res.once('drain', onDrain);
      res.once('close', onClose);
    });
    return room;
  };
}

/** `POST /v1/scans`. */
export function scanRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'post',
      path: '/v1/scans',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const engine = ctx.engines.current;
        const type = requireMediaType(req, ['application/x-ndjson', 'application/json']);
        const lang = requestedLang(req) ?? 'en';
        // the bulk scan line (DESIGN §7 revision 3), or whole reports with ?full=true
        const full = queryFlag(req, 'full');
        const refused = new Map<number, { source: string; why: LineRefusal }>();
        let items: AsyncIterable<ScanItem>;
        if (type === 'application/json') {
          const body = await readBody(
            req,
            'StoreScan',
          );
          // a scan of the store as a job: 202 now, shards judged by the queue's workers
          if (body.async) return startScanJob(ctx, req, res, body, lang);
          items = storedItems(ctx.store.documents(body.all ? 'all' : 'current', body.platforms ?? null));
        } else {
          items = ndjsonItems(req, 'request', (index, source, why) => refused.set(index, { source, why }));
        }
        const writer = outputFormat('ndjson').scan!.writer({ ruleSet: engine.ruleSet, lang, full });
        res.status(200).type('application/x-ndjson');
        res.setHeader('X-Ruleset-Version', engine.version);
        const writeLine = lineWriter(res);
        const head = writer.start();
        if (head !== '') await writeLine(head.slice(0, -1));
        let index = 0;
        const onResult = (r: ItemResult) => {
          const refusal = refused.get(index);
          refused.delete(index);
          index++;
          if (refusal)
            return writeLine(JSON.stringify({ type: 'invalid', source: refusal.source, errors: [refusal.why] }));
          return writeLine(r.line);
        };
        const summary = await scan(items, {
          ruleSet: engine.ruleSet,
          judge: engine.judge,
          workers: ctx.scanWorkers,
          lang,
          lines: writer.lines,
          onResult,
          // each filing's history: its platform's current stored filings (DESIGN §5.1), read once per platform
          history: { index: storeHistory(ctx.store) },
        });
        for (const [verdict, n] of Object.entries(summary.verdicts))
          ctx.metrics.filingJudged(verdict as keyof typeof summary.verdicts, 'scan', n);
        res.end(writer.end(summary));
      },
    },
  ];
}
