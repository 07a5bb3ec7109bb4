// `npm run bench:http [-- --json] [--seconds S]`: autocannon on loopback, 10 connections, against the
// service (POST /v1/check; POST /v1/filings with a unique filing per request) and, in the same run,
// against an express route that only parses and validates the same filing (the floor).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');
const asJson = process.argv.includes('--json');
const secondsAt = process.argv.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(process.argv[secondsAt + 1]) : 10;
const log = (s: string) => process.stderr.write(s + '\n');

/** Starts a child that prints its port on the first line of stdout (or logs "serving http://…:PORT"). */
function start(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const look = (chunk: Buffer) => {
      text += chunk.toString();
      const m = /serving http:\/\/[^:]+:(\d+)/.exec(text) ?? /^(\d+)\n/.exec(text);
      if (m) {
        // from now on the child's logs are discarded, not kept
        child.stdout!.off('data', look);
        child.stderr!.off('data', look);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${text}`)));
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, opts: Partial<autocannon.Options>): Promise<Figures> {
  const r = await autocannon({ url, connections: 10, duration: seconds, method: 'POST', ...opts });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const db = join(dir, 'bench.db');
  const base = parse(readFileSync(join(root, 'rules/tests/base.yaml'), 'utf8')) as Record<string, unknown>;
  const body = JSON.stringify(base);
  const service = await start([cli, 'serve', '--db', db, '--port', '0', '--rate-limit', '0']);
  const floor = await start([join(root, 'dist/bench/floor-server.js'), '0']);
  try {
    const token = spawnSync(
      process.execPath,
      [cli, 'token', 'create', '--db', db, '--role', 'supervisor', '--name', 'bench'],
      { encoding: 'utf8' },
    ).stdout.trim();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    log(`floor: POST /floor for ${seconds} s …`);
    const floorFigures = await load(`http://127.0.0.1:${floor.port}/floor`, { headers, body });
    log(`service: POST /v1/check for ${seconds} s …`);
    const check = await load(`http://127.0.0.1:${service.port}/v1/check`, { headers, body });
    log(`service: POST /v1/filings (a new filing each time) for ${seconds} s …`);
    let n = 0;
    const submit = await load(`http://127.0.0.1:${service.port}/v1/filings`, {
      headers,
      requests: [
        {
          setupRequest: (req) => {
            n++;
            const filing = {
              ...base,
              filingId: `bench-${n}`,
              platform: { ...(base.platform as object), id: `bench-${n}` },
            };
            return { ...req, body: JSON.stringify(filing) };
          },
        },
      ],
      expectBody: undefined,
    });
    const result = {
      seconds,
      connections: 10,
      floorRps: floorFigures.rps,
      floorP50Ms: floorFigures.p50,
      floorP99Ms: floorFigures.p99,
      checkRps: check.rps,
      checkP50Ms: check.p50,
      checkP99Ms: check.p99,
      checkRatioToFloor: Number((check.rps / floorFigures.rps).toFixed(3)),
      submitRps: submit.rps,
      submitP50Ms: submit.p50,
      submitP99Ms: submit.p99,
      submitRatioToFloor: Number((submit.rps / floorFigures.rps).toFixed(3)),
      non2xx: floorFigures.non2xx + check.non2xx + submit.non2xx,
    };
    if (asJson) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      process.stdout.write(
        [
          `floor          ${result.floorRps} req/s   p50 ${result.floorP50Ms} ms   p99 ${result.floorP99Ms} ms`,
          `POST /v1/check ${result.checkRps} req/s   p50 ${result.checkP50Ms} ms   p99 ${result.checkP99Ms} ms   ratio to floor ${result.checkRatioToFloor}`,
          `POST /v1/filings ${result.submitRps} req/s   p50 ${result.submitP50Ms} ms   p99 ${result.submitP99Ms} ms   ratio to floor ${result.submitRatioToFloor}`,
          `non-2xx answers: ${result.non2xx}`,
          '',
        ].join('\n'),
      );
    }
    // every submission was a new filing: anything but 201 (or 200) is a failure of the run
    if (result.non2xx > 0) process.exitCode = 1;
  } finally {
    service.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:http: ${(e as Error).message}\n`);
  process.exit(2);
});
