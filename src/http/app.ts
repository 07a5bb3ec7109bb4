// createApp: the express app of DESIGN section 8, wired from a store; routes, access, limits and the one error handler.

import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import type { Store } from '../store/types.js';
import { allow, authenticate, FailedAuthentications } from './auth.js';
import { bodyDeadline, DEFAULT_REQUEST_TIMEOUT_MS } from './deadline.js';
import type { AppContext } from './context.js';
import { Engines } from '../app/ruleset.js';
import { HttpError, sendProblem, toProblem } from './errors.js';
import { say } from '../messages/index.js';
import { answerLang } from './lang.js';
import { requestLog } from './logging.js';
import { Metrics } from './metrics.js';
import { limiterFor } from './limits.js';
import { auditRoutes } from './routes/audit.js';
import { filingRoutes } from './routes/filings.js';
import { lintRoutes } from './routes/lint.js';
import { meRoutes } from './routes/me.js';
import { consoleAssets } from './routes/static.js';
import { opsRoutes } from './routes/ops.js';
import { DEFAULT_TIME_ZONE, orderRoutes } from './routes/orders.js';
import { watchlistRoutes } from './routes/watchlist.js';
import { platformRoutes } from './routes/platforms.js';
import { ruleChangeRoutes } from './routes/rules-change.js';
import { ruleReadRoutes } from './routes/rules-read.js';
import { scanRoutes } from './routes/scans.js';
import { scanJobRoutes } from './routes/scan-jobs.js';
import type { JudgeCache } from '../app/judges.js';
import { DEFAULT_SHARD_SIZE } from '../app/scans.js';
import { inProcessQueue } from '../queue/index.js';
import type { ShardQueue } from '../queue/types.js';
import type { Route } from './routes/types.js';

/** What the app is made from. Only `store` is required; it must hold a rule set (see `seedRuleSet`). */
export interface AppDeps {
  store: Store;
  /** Structured logs (default: silent). */
  logger?: Logger;
  /** Requests a minute per token (default 1,200; 0 = no limit). */
  rateLimit?: number;
  /** Failed authentications (unknown tokens) a minute per client address (default 60; 0 = no limit). */
  authFailureLimit?: number;
  /** How long a request body may take to arrive, in ms (default 30 s; 0 = no limit). */
  requestTimeoutMs?: number;
  /** The clock for token expiry. */
  now?: () => Date;
  /** Worker threads for NDJSON scans (default 0: judged on the event loop between reads). */
  scanWorkers?: number;
  /** IANA time zone of "today" for rectification orders (default Asia/Shanghai). */
  timeZone?: string;
  /** The built web console to serve at / (default: dist/web; null: none built). */
  consoleDir?: string | null;
  /** Also export the process's default Prometheus metrics (CPU, memory, event loop). */
  defaultMetrics?: boolean;
  /** Makes the queue async scans' shards go to (default: judged in this process, one shard at a time). */
  queue?: (parts: { judges: JudgeCache; metrics: Metrics }) => ShardQueue | Promise<ShardQueue>;
  /** Filings per shard of an async scan when the request does not say (default 1,000). */
  shardSize?: number;
}

/** The app and the handles the server needs around it. */
export interface ComplianceApp {
  app: Express;
  engines: Engines;
  metrics: Metrics;
  /** Every route, in registration order (what /openapi.json must document). */
  routes: readonly Route[];
  /** The queue async scans' shards go to (closed by the server on shutdown). */
  queue: ShardQueue;
  /** From now on /readyz answers 503, so a load balancer stops sending requests. */
  drain(): void;
}

/** HTTP errors thrown by express itself or its router: a malformed URL, a 4xx with `expose`. */
function expressError(err: unknown): HttpError | null {
  const e = err as { status?: unknown; expose?: unknown; message?: unknown };
  if (err instanceof URIError && e.status === 400)
    return new HttpError('malformed_url', say('http.malformed_url', {}));
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    return new HttpError(e.status === 404 ? 'not_found' : 'malformed_body', say('http.express', { status: e.status, detail: String(e.message) }));
  }
  return null;
}

/**
 * Builds the service's express app on a store: loads the rule set in force, registers every route
 * with its access rule (401 → 429 → 403 → the route's own checks), and maps every error to
 * problem+json in one place.
 * @example const { app } = await createApp({ store: openSqliteStore('data/compliance.db') }); app.listen(8080);
 */
export async function createApp(deps: AppDeps): Promise<ComplianceApp> {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const now = deps.now ?? (() => new Date());
  const metrics = new Metrics({ defaultMetrics: deps.defaultMetrics ?? false });
  const engines = await Engines.load(deps.store);
  metrics.ruleSetInForce(engines.current.version, engines.current.label);
  const judges = engines.versions;
  const queue = deps.queue ? await deps.queue({ judges, metrics }) : await inProcessQueue(deps.store, judges, metrics);
  metrics.watchQueue(() => queue.depth());
  const ctx: AppContext = {
    store: deps.store,
    engines,
    metrics,
    logger,
    now,
    scanWorkers: deps.scanWorkers ?? 0,
    timeZone: deps.timeZone ?? DEFAULT_TIME_ZONE,
    queue,
    judges,
    shardSize: deps.shardSize ?? DEFAULT_SHARD_SIZE,
  };
  // per token: in the database on PostgreSQL, so a limit spent on one instance holds on every other
  const limiter = limiterFor(deps.store, 'token', deps.rateLimit ?? 1200, () => now().getTime());
  let draining = false;

  const app = express();
  app.set('etag', false); // rule-set versions are the ETags, set where they apply
  app.set('x-powered-by', false);
  app.use(requestLog(logger, metrics));
  app.use(bodyDeadline(deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS));
  // helmet's defaults, but without upgrade-insecure-requests (served over plain HTTP on a host other
  // than localhost, it would make browsers fetch the console's own assets over https and fail), and
  // styles and fonts from the service itself only: the console loads nothing from elsewhere (DESIGN §8)
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: null, styleSrc: ["'self'"], fontSrc: ["'self'"] },
      },
    }),
  );

  const routes: Route[] = [
    ...opsRoutes(ctx, () => draining, () => routes),
    ...filingRoutes(ctx),
    ...platformRoutes(ctx),
    ...scanRoutes(ctx),
    ...scanJobRoutes(ctx),
    // /v1/rules/versions before /v1/rules/:id
    ...ruleReadRoutes(ctx),
    ...lintRoutes(ctx), // before /v1/rules/:id (POST): the console's editor lints as one types
    ...ruleChangeRoutes(ctx),
    ...meRoutes(),
    ...auditRoutes(ctx),
    ...orderRoutes(ctx),
    ...watchlistRoutes(ctx),
  ];
  const failures = new FailedAuthentications(
    limiterFor(deps.store, 'auth-failed', deps.authFailureLimit ?? 60, () => now().getTime()),
  );
  const guard = authenticate(deps.store, limiter, now, failures);
  // the version in force is read from the store before each authenticated request (DESIGN §10)
  const inForce: RequestHandler = (_req, _res, next) => {
    engines.refresh().then(
      (state) => {
        metrics.ruleSetInForce(state.version, state.label);
        next();
      },
      next,
    );
  };
  for (const r of routes) {
    const checks = r.access === 'public' ? [] : [guard, allow(r.access), inForce];
    app[r.method](r.path, ...checks, r.handler);
  }
  // the web console (DESIGN §12): public static assets at /, not part of the API's route table
  app.use(consoleAssets(deps.consoleDir === undefined ? undefined : deps.consoleDir));
  // a known path with another method: 405 with Allow (OPTIONS: 204 with Allow)
  // authentication comes first, the method included (DESIGN §8): on a path that needs a token, a
  // request without a valid one is 401 before it learns which methods the path allows
  const methods = new Map<string, string[]>();
  const guarded = new Set<string>();
  for (const r of routes) {
    methods.set(r.path, [...(methods.get(r.path) ?? []), r.method.toUpperCase()]);
    if (r.access !== 'public') guarded.add(r.path);
  }
  for (const [path, allowed] of methods) {
    const header = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    app.route(path).all(...(guarded.has(path) ? [guard] : []), (req: Request, res: Response) => {
      res.setHeader('Allow', header);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      throw new HttpError(
        'method_not_allowed',
        say('http.method_not_allowed', { method: req.method, allowed }),
      );
    });
  }
  app.use((req: Request) => {
    throw new HttpError('not_found', say('http.no_route', { method: req.method, path: req.path }));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      // a stream (a scan) failed half-way: the status is sent, so cut the connection to signal it
      req.log.warn({ err }, 'response failed after its headers were sent');
      res.destroy();
      return;
    }
    const { doc, headers, unexpected } = toProblem(expressError(err) ?? err, answerLang(req));
    if (unexpected) req.log.error({ err }, 'unexpected error');
    sendProblem(res, { ...doc, instance: req.originalUrl, requestId: req.id }, headers);
  });

  return {
    app,
    engines,
    metrics,
    routes,
    queue,
    drain() {
      draining = true;
    },
  };
}
