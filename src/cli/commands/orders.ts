// `compliance orders list|show|open|close`: rectification orders in the store, in the API's words and shapes (DESIGN §11).

import { Command, Option } from 'commander';
import { OrderError } from '../../app/orders/errors.js';
import { isTimeZone, ORDER_STATES } from '../../app/orders/machine.js';
import { asOfFilter, closeOrderRequest, openOrderRequest, stateFilter } from '../../app/orders/requests.js';
import {
  closeOrder,
  findOrder,
  listOrders,
  openOrder,
  showOrder,
  type OrderDeps,
  type OrderView,
} from '../../app/orders/service.js';
import { columns } from '../../report/table.js';
import { parseRuleSet } from '../../rules/parse.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/types.js';
import { warn } from '../io.js';
import { CliExit, usage, write } from '../output.js';
import { REGISTRIES } from '../../engine/registries.js';

interface Common {
  db: string;
  tz: string;
}

const dbOption = () =>
  new Option('--db <file|url>', 'the SQLite database or a postgres:// URL').makeOptionMandatory();
const tzOption = () =>
  new Option('--tz <zone>', 'IANA time zone of "today" (openedOn, overdue), as the service’s --tz').default(
    'Asia/Shanghai',
  );
const byOption = () =>
  new Option('--by <name>', 'who acts: recorded in the audit log and the timeline').default('cli');

/** Opens the store (an existing one only), runs `fn` on the order service, and closes it; refusals exit 2 with their code. */
async function withOrders<T>(opts: Common, fn: (deps: OrderDeps, store: Store) => Promise<T>): Promise<T> {
  if (!isTimeZone(opts.tz))
    throw usage(`--tz ${opts.tz} is not an IANA time zone (such as Asia/Shanghai or UTC)`);
  const store = await openStore(opts.db, { mustExist: true });
  try {
    const deps: OrderDeps = {
      store,
      timeZone: opts.tz,
      now: () => new Date(),
      async parameters() {
        const record = await store.currentRuleSet();
        return record ? parseRuleSet(record.sources, REGISTRIES).parameters : {};
      },
    };
    return await fn(deps, store);
  } catch (e) {
    if (e instanceof OrderError) {
      const where = e.problems.length === 1 ? `${e.problems[0]!.pointer}: ` : '';
      throw new CliExit(2, [
        `compliance: ${where}${e.problems.length === 1 ? e.problems[0]!.message : e.message} [${e.code}]`,
        ...(e.problems.length > 1 ? e.problems.map((p) => `  ${p.pointer}: ${p.message}`) : []),
      ]);
    }
    throw e;
  } finally {
    await store.close();
  }
}

const asJson = (value: unknown) => write(JSON.stringify(value, null, 2) + '\n');

function table(orders: readonly OrderView[]): string {
  const rows = orders.map((o) => [
    o.id,
    o.platformId,
    o.ruleId,
    o.fromFilingId,
    o.openedOn,
    o.deadline,
    o.state + (o.relapsed ? ' (relapsed)' : ''),
    o.rectifiedBy ? o.rectifiedBy + (o.late ? ' (late)' : '') : '-',
  ]);
  return columns(
    ['ID', 'PLATFORM', 'RULE', 'FROM FILING', 'OPENED', 'DEADLINE', 'STATE', 'RECTIFIED BY'],
    rows,
  );
}

function listCommand(): Command {
  return new Command('list')
    .description('list orders, newest first (as GET /v1/orders)')
    .addOption(dbOption())
    .option('--platform <id>', "only this platform's orders")
    .addOption(
      new Option('--state <state>', 'only orders in this state (on --as-of)').choices([...ORDER_STATES]),
    )
    .option('--as-of <date>', 'the day asked about, for overdue (default: today in --tz)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(tzOption())
    .action(
      async (
        opts: Common & { platform?: string; state?: string; asOf?: string; format: 'table' | 'json' },
      ) => {
        const orders = await withOrders(opts, (deps) => {
          const asOf = asOfFilter(opts.asOf, '--as-of');
          const state = stateFilter(opts.state, '--state');
          return listOrders(deps, {
            visible: null,
            ...(opts.platform !== undefined ? { platform: opts.platform } : {}),
            ...(state !== undefined ? { state } : {}),
            ...(asOf !== undefined ? { asOf } : {}),
          });
        });
        if (opts.format === 'json') await asJson({ orders });
        else await write((orders.length > 0 ? table(orders) : 'no orders') + '\n');
      },
    );
}

function showCommand(): Command {
  return new Command('show')
    .description('one order with its state and timeline, as JSON (as GET /v1/orders/{id})')
    .argument('<id>', 'the order id (ord_…)')
    .addOption(dbOption())
    .option('--as-of <date>', 'the day asked about, for overdue (default: today in --tz)')
    .addOption(tzOption())
    .action(async (id: string, opts: Common & { asOf?: string }) => {
      const view = await withOrders(opts, async (deps) =>
        showOrder(deps, await findOrder(deps, id, null), asOfFilter(opts.asOf, '--as-of')),
      );
      await asJson(view);
    });
}

function openCommand(): Command {
  return new Command('open')
    .description(
      'open an order on a stored filing whose finding for the rule failed (as POST /v1/orders); prints it as JSON',
    )
    .addOption(dbOption())
    .requiredOption('--platform-id <id>', 'the platform ordered to rectify')
    .requiredOption('--rule-id <id>', 'the rule it failed (LIC-001…)')
    .requiredOption('--from-filing-id <id>', 'the stored filing of that platform whose finding failed')
    .option(
      '--deadline <date>',
      "YYYY-MM-DD after the filing's period.end (default: today + orderDeadlineDays, 49)",
    )
    .option('--note <text>', 'what the platform is ordered to do')
    .addOption(byOption())
    .addOption(tzOption())
    .action(
      async (
        opts: Common & {
          platformId: string;
          ruleId: string;
          fromFilingId: string;
          deadline?: string;
          note?: string;
          by: string;
        },
      ) => {
        const view = await withOrders(opts, (deps) =>
          openOrder(
            deps,
            openOrderRequest({
              platformId: opts.platformId,
              ruleId: opts.ruleId,
              fromFilingId: opts.fromFilingId,
              ...(opts.deadline !== undefined ? { deadline: opts.deadline } : {}),
              ...(opts.note !== undefined ? { note: opts.note } : {}),
            }),
            opts.by,
          ),
        );
        warn(
          `compliance: opened ${view.id}: ${view.platformId} to rectify ${view.ruleId} by ${view.deadline} (${view.state})`,
        );
        await asJson(view);
      },
    );
}

function closeCommand(): Command {
  return new Command('close')
    .description(
      'close an order for good, accepted or withdrawn (as POST /v1/orders/{id}/close); prints it as JSON',
    )
    .argument('<id>', 'the order id (ord_…)')
    .addOption(dbOption())
    .requiredOption('--note <text>', 'why: accepted (rectified) or withdrawn')
    .addOption(byOption())
    .addOption(tzOption())
    .action(async (id: string, opts: Common & { note: string; by: string }) => {
      const view = await withOrders(opts, (deps) =>
        closeOrder(deps, id, closeOrderRequest({ note: opts.note }), opts.by, null),
      );
      warn(
        `compliance: closed ${view.id} (${view.rectifiedBy ? `rectified by ${view.rectifiedBy}` : 'not rectified'})`,
      );
      await asJson(view);
    });
}

/** `compliance orders list|show|open|close`. */
export function ordersCommand(): Command {
  return new Command('orders')
    .description('rectification orders: open one on a failure, follow it across later filings, close it')
    .addCommand(listCommand())
    .addCommand(showCommand())
    .addCommand(openCommand())
    .addCommand(closeCommand());
}
