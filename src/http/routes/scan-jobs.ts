// Scan jobs (DESIGN §8, §10): a store scan asked with `async: true`, its status and summary so far,
// its results once done, and cancelling it. The work itself is the queue's (src/queue).

import type { Request, Response } from 'express';
import { scanView, startStoreScan } from '../../app/scans.js';
import type { ScanRecord } from '../../store/scan-types.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { say } from '../../messages/index.js';
import type { Route } from './types.js';
import { queryFlag } from '../query.js';
import { formatRulesetLine, toScanLineText } from '../../report/scan-line.js';
import { Slicer } from '../../scan/slice.js';

const SCAN_ID = /^scan_[0-9a-f]{16}$/;

async function found(ctx: AppContext, id: string): Promise<ScanRecord> {
  const record = SCAN_ID.test(id) ? await ctx.store.getScan(id) : null;
  if (!record) throw new HttpError('scan_not_found', say('http.no_scan', { id }));
  return record;
}

async function engineOf(ctx: AppContext, record: ScanRecord) {
  const engine = await ctx.judges.at(record.rulesetVersion);
  if (!engine) throw new HttpError('version_not_found', say('http.scan_version_missing', { version: record.rulesetVersion, id: record.id }));
  return engine;
}

async function view(ctx: AppContext, record: ScanRecord) {
  return scanView(record, await engineOf(ctx, record));
}

/**
 * A shard's stored output (whole report lines) as the answer gives it: as stored with ?full=true,
 * else each report as its bulk scan line (DESIGN §7 revision 3), a few lines at a time between turns
 * of the event loop.
 */
async function* resultLines(chunks: AsyncIterable<string>, full: boolean, slicer: Slicer): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    if (full) {
      yield chunk;
      continue;
    }
    let out = '';
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      out += toScanLineText(line);
      if (out.length >= 1 << 16) {
        yield out;
        out = '';
      }
      await slicer.pause();
    }
    if (out !== '') yield out;
  }
}

/**
 * `POST /v1/scans` with `{ "source": "store", "async": true }`: 202 with the job and its Location.
 * Called by the scan route once it has read the body.
 */
export async function startScanJob(
  ctx: AppContext,
  req: Request,
  res: Response,
  body: { platforms?: string[]; all?: boolean; shardSize?: number },
  lang: 'en' | 'zh',
): Promise<void> {
  if (body.all) throw new HttpError('scan_unavailable', say('http.scan_async_all', {}), [{ code: 'scan_unavailable', pointer: '/all', ...say('http.scan_async_all_item', {}) }]);
  const engine = ctx.engines.current;
  const record = await startStoreScan(
    { store: ctx.store, queue: ctx.queue, version: engine.version },
    { platforms: body.platforms ?? null, shardSize: body.shardSize ?? ctx.shardSize, lang, by: { name: req.auth?.name ?? 'unknown', tokenId: req.auth?.id ?? null } },
  );
  ctx.metrics.scanStarted();
  res.status(202).setHeader('Location', `/v1/scans/${record.id}`);
  res.json(await view(ctx, record));
}

/** `GET /v1/scans/:id`, `GET /v1/scans/:id/results`, `DELETE /v1/scans/:id`. */
export function scanJobRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'get',
      path: '/v1/scans/:id',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const record = await found(ctx, String(req.params.id));
        res.setHeader('Cache-Control', 'no-store');
        res.json(await view(ctx, record));
      },
    },
    {
      method: 'get',
      path: '/v1/scans/:id/results',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const record = await found(ctx, String(req.params.id));
        if (record.state !== 'done') {
          throw new HttpError('scan_not_done', say('http.scan_not_done', { id: record.id, state: record.state }), [], {}, { state: record.state, shards: record.shards });
        }
        const full = queryFlag(req, 'full');
        const engine = await engineOf(ctx, record);
        const summary = scanView(record, engine).summary;
        res.status(200).type('application/x-ndjson');
        res.setHeader('Cache-Control', 'no-store');
        // the shards keep whole reports; the bulk line's ruleset line is the scan's version in its language
        if (!full) res.write(formatRulesetLine(engine.ruleSet, record.lang));
        for await (const chunk of resultLines(ctx.store.scanResults(record.id), full, new Slicer())) {
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end(`${JSON.stringify(summary)}\n`);
      },
    },
    {
      method: 'delete',
      path: '/v1/scans/:id',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const before = await found(ctx, String(req.params.id));
        // an auditor reads everything but changes nothing of anyone else's: it may cancel its own scans
        // only, known by the token's id (a name can be taken by anyone who is issued a token)
        if (req.auth?.role === 'auditor' && (before.createdByToken === null || before.createdByToken !== req.auth.id)) {
          throw new HttpError('forbidden_role', say('http.scan_cancel_own', {}));
        }
        const record = (await ctx.store.cancelScan(before.id)) ?? before;
        if (record.state === 'cancelled') await ctx.queue.cancel(record.id);
        res.setHeader('Cache-Control', 'no-store');
        res.json(await view(ctx, record));
      },
    },
  ];
}
