// The order state machine of DESIGN §11: every transition, any submission order, overdue by asOf, today by time zone.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  orderStatus,
  storedStatus,
  statusChanged,
  todayIn,
  isTimeZone,
  defaultDeadline,
  type OrderBasis,
  type OrderEvidence,
} from '../../src/app/orders/machine.js';
import type { Status } from '../../src/engine/report-model.js';

const order = (over: Partial<OrderBasis> = {}): OrderBasis => ({
  openedOn: '2021-01-05',
  openedBy: 'sam',
  deadline: '2021-02-23',
  closed: null,
  ...over,
});
const f = (filingId: string, periodEnd: string, status: Status | null): OrderEvidence => ({
  filingId,
  periodEnd,
  status,
});
const BEFORE = '2021-02-01';

describe('orderStatus: transitions', () => {
  it('starts open, with the opening as its first timeline entry', () => {
    const s = orderStatus(order(), [], BEFORE);
    expect(s).toEqual({
      state: 'open',
      relapsed: false,
      rectifiedBy: null,
      late: false,
      timeline: [{ on: '2021-01-05', state: 'open', cause: 'sam' }],
    });
  });

  it.each<Status>(['pass', 'not-applicable', 'waived'])('open → rectified by a %s finding', (status) => {
    const s = orderStatus(order(), [f('f-2', '2021-01-31', status)], BEFORE);
    expect(s).toMatchObject({ state: 'rectified', rectifiedBy: 'f-2', late: false, relapsed: false });
    expect(s.timeline.at(-1)).toEqual({ on: '2021-01-31', state: 'rectified', cause: 'f-2' });
  });

  it.each<Status | null>(['fail', 'advisory', 'error', null])(
    'a %s finding leaves an open order open',
    (status) => {
      const s = orderStatus(order(), [f('f-2', '2021-01-31', status)], BEFORE);
      expect(s).toMatchObject({ state: 'open', rectifiedBy: null, relapsed: false });
      expect(s.timeline).toHaveLength(1);
    },
  );

  it.each<Status | null>(['advisory', 'error', null, 'pass'])(
    'a %s finding leaves a rectified order rectified',
    (status) => {
      const s = orderStatus(
        order(),
        [f('f-2', '2021-01-15', 'pass'), f('f-3', '2021-01-31', status)],
        BEFORE,
      );
      expect(s).toMatchObject({ state: 'rectified', rectifiedBy: 'f-2' });
      expect(s.timeline).toHaveLength(2);
    },
  );

  it('rectified → open again, relapsed, on a failure; → rectified again on the next fix', () => {
    const later = [f('f-2', '2021-01-15', 'pass'), f('f-3', '2021-01-31', 'fail')];
    const relapsed = orderStatus(order(), later, BEFORE);
    expect(relapsed).toMatchObject({ state: 'open', relapsed: true, rectifiedBy: null, late: false });
    const again = orderStatus(order(), [...later, f('f-4', '2021-02-15', 'waived')], BEFORE);
    expect(again).toMatchObject({ state: 'rectified', relapsed: true, rectifiedBy: 'f-4', late: false });
    expect(again.timeline.map((t) => [t.state, t.cause])).toEqual([
      ['open', 'sam'],
      ['rectified', 'f-2'],
      ['open', 'f-3'],
      ['rectified', 'f-4'],
    ]);
  });

  it('is late when the fixing filing’s period.end is after the deadline, not when it is on it', () => {
    expect(orderStatus(order(), [f('f-2', '2021-02-23', 'pass')], '2021-03-30').late).toBe(false);
    expect(orderStatus(order(), [f('f-2', '2021-02-24', 'pass')], '2021-03-30')).toMatchObject({
      state: 'rectified',
      late: true,
    });
  });

  it('closed is final, after every filing, with the token that closed it', () => {
    const closed = order({ closed: { on: '2021-03-01', by: 'sam' } });
    const s = orderStatus(
      closed,
      [f('f-2', '2021-01-31', 'pass'), f('f-3', '2021-02-15', 'fail')],
      '2022-01-01',
    );
    expect(s.state).toBe('closed');
    expect(s.relapsed).toBe(true);
    expect(s.timeline.at(-1)).toEqual({ on: '2021-03-01', state: 'closed', cause: 'sam' });
    // a closed order is never overdue
    expect(orderStatus(closed, [], '2030-01-01').state).toBe('closed');
  });
});

describe('orderStatus: overdue', () => {
  it('is open on the deadline’s day and overdue the day after', () => {
    expect(orderStatus(order(), [], '2021-02-23').state).toBe('open');
    expect(orderStatus(order(), [], '2021-02-24').state).toBe('overdue');
    expect(storedStatus(orderStatus(order(), [], '2021-02-24')).state).toBe('open');
  });

  it('a rectified order is not overdue; a relapsed one past the deadline is', () => {
    const fixed = [f('f-2', '2021-01-31', 'pass')];
    expect(orderStatus(order(), fixed, '2021-06-01').state).toBe('rectified');
    expect(orderStatus(order(), [...fixed, f('f-3', '2021-02-15', 'fail')], '2021-06-01')).toMatchObject({
      state: 'overdue',
      relapsed: true,
    });
  });
});

describe('orderStatus: submission order does not matter', () => {
  it('sorts by period.end then filingId, whatever order the filings come in', () => {
    // the same period.end: f-a fails, f-b passes; (period.end, filingId) puts f-a first
    const later = [
      f('f-b', '2021-01-31', 'pass'),
      f('f-a', '2021-01-31', 'fail'),
      f('f-0', '2021-01-15', 'pass'),
    ];
    const s = orderStatus(order(), later, BEFORE);
    expect(s.timeline.map((t) => t.cause)).toEqual(['sam', 'f-0', 'f-a', 'f-b']);
    expect(s).toMatchObject({ state: 'rectified', relapsed: true, rectifiedBy: 'f-b' });
  });

  it('gives the same status for every permutation of the same filings', () => {
    const status = fc.constantFrom<Status | null>(
      'pass',
      'fail',
      'not-applicable',
      'advisory',
      'waived',
      'error',
      null,
    );
    const filing = fc.record({
      filingId: fc.stringMatching(/^f-[a-z0-9]{1,3}$/),
      periodEnd: fc.integer({ min: 0, max: 90 }).map((d) => defaultDeadline('2021-01-01', d)),
      status,
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(filing, { selector: (x) => x.filingId, maxLength: 8 }),
        fc.func(fc.integer()),
        (later, key) => {
          const shuffled = [...later].sort((a, b) => key(a.filingId) - key(b.filingId));
          expect(orderStatus(order(), shuffled, BEFORE)).toEqual(orderStatus(order(), later, BEFORE));
        },
      ),
    );
  });
});

describe('stored status', () => {
  it('changes when any stored field changes, not with overdue alone', () => {
    const open = storedStatus(orderStatus(order(), [], '2021-02-01'));
    expect(statusChanged(open, storedStatus(orderStatus(order(), [], '2021-03-01')))).toBe(false);
    const fixed = storedStatus(orderStatus(order(), [f('f-2', '2021-01-31', 'pass')], BEFORE));
    expect(statusChanged(open, fixed)).toBe(true);
    const fixedByOther = storedStatus(orderStatus(order(), [f('f-1', '2021-01-31', 'pass')], BEFORE));
    expect(statusChanged(fixed, fixedByOther)).toBe(true);
  });
});

describe('today in the service’s time zone', () => {
  // 16:30 UTC on 2021-02-23 is already 00:30 on 2021-02-24 in Shanghai (UTC+8)
  const nearMidnight = new Date('2021-02-23T16:30:00Z');

  it('differs between Asia/Shanghai and UTC near midnight', () => {
    expect(todayIn('Asia/Shanghai', nearMidnight)).toBe('2021-02-24');
    expect(todayIn('UTC', nearMidnight)).toBe('2021-02-23');
    expect(todayIn('Asia/Shanghai', new Date('2021-02-23T15:59:59Z'))).toBe('2021-02-23');
  });

  it('makes an order overdue in Shanghai while it is still the deadline’s day in UTC', () => {
    expect(orderStatus(order(), [], todayIn('Asia/Shanghai', nearMidnight)).state).toBe('overdue');
    expect(orderStatus(order(), [], todayIn('UTC', nearMidnight)).state).toBe('open');
  });

  it('knows real zones only', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('adds the deadline days across months and leap days', () => {
    expect(defaultDeadline('2016-12-27', 49)).toBe('2017-02-14');
    expect(defaultDeadline('2024-01-31', 29)).toBe('2024-02-29');
  });
});
