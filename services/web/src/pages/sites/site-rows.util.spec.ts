import { describe, expect, it } from '@jest/globals';
import type { Outage } from '../decisions/decision.types';
import type { Queue, QueueHistoryMatrix, QueueHistoryRow } from '../queue/queue.types';
import { buildSiteRows, byWorst, hasProblem, parseLabelFilter } from './site-rows.util';

function row(queueId: string, siteId: string, completed: number[], failed: number[]): QueueHistoryRow {
  const zeros = completed.map(() => 0);
  return {
    queueId,
    siteId,
    submitted: zeros,
    running: zeros,
    completed,
    failed,
    cancelled: zeros,
    lost: zeros,
    total: completed.map((c, i) => c + failed[i]),
    efficiency: completed.map((c, i) => (c + failed[i] > 0 ? c / (c + failed[i]) : null)),
  };
}

function queue(id: string, siteId: string, status: Queue['status'], labels: Record<string, string> = {}): Queue {
  return {
    id,
    name: id,
    backend: 'sim',
    status,
    statusSource: null,
    statusSetBy: null,
    statusSince: '2030-01-01T00:00:00.000Z',
    exclusionCount: 0,
    nextEligibleAt: null,
    labels,
    protected: false,
    autoExclusion: true,
    site: { id: siteId, name: `${siteId} site` },
  };
}

const matrix: QueueHistoryMatrix = {
  from: '2030-01-01',
  to: '2030-01-02',
  golden: true,
  days: ['2030-01-01', '2030-01-02'],
  items: [row('A_1', 'A', [9, 0], [1, 0]), row('A_2', 'A', [0, 0], [10, 4]), row('B_1', 'B', [5, 5], [5, 0])],
};
const queues = [queue('A_1', 'A', 'online', { tier: '1' }), queue('A_2', 'A', 'excluded'), queue('B_1', 'B', 'online')];

describe('buildSiteRows', () => {
  it('groups queues by site and sums each day over the site', () => {
    const sites = buildSiteRows(matrix, queues, []);
    expect(sites.map((s) => [s.id, s.name, s.queues.map((q) => q.id)])).toEqual([
      ['A', 'A site', ['A_1', 'A_2']],
      ['B', 'B site', ['B_1']],
    ]);
    const a = sites[0];
    // Day 1: 9 completed, 11 failed over both queues; day 2: 0 completed, 4 failed.
    expect(a.days.map((d) => d.efficiency)).toEqual([9 / 20, 0]);
    expect(a.window).toMatchObject({ completed: 9, failed: 15, efficiency: 9 / 24 });
    expect(a.counts).toEqual({ online: 1, excluded: 1, offline: 0, outage: 0 });
  });

  it('gives a day without finished jobs a null efficiency (grey)', () => {
    const [a] = buildSiteRows(matrix, queues, []);
    expect(a.queues[0].days[1]).toMatchObject({ completed: 0, failed: 0, efficiency: null });
  });

  it('adds the outage status to the queues an open outage covers', () => {
    const open: Outage = {
      id: 'o',
      scope: 'site:B',
      state: 'open',
      openedAt: '2030-01-02T00:00:00.000Z',
      closedAt: null,
      reason: 'B down',
      evidence: {},
    };
    const sites = buildSiteRows(matrix, queues, [open]);
    expect(sites[1].queues[0].statuses).toEqual(['online', 'outage']);
    expect(sites[1].counts.outage).toBe(1);
    expect(sites[0].queues[0].statuses).toEqual(['online']);
  });

  it('leaves out queues without the labels the API was not given', () => {
    const sites = buildSiteRows(matrix, queues, [], [['tier', '1']]);
    expect(sites.map((s) => s.queues.map((q) => q.id))).toEqual([['A_1']]);
  });

  it('shows a queue the list does not have yet without a status', () => {
    const [a] = buildSiteRows(matrix, undefined, undefined);
    expect(a.queues[0].statuses).toEqual([]);
    expect(a.name).toBeUndefined();
  });
});

describe('hasProblem and byWorst', () => {
  it('flags sites with a queue not online or a day under 50 %', () => {
    const [a, b] = buildSiteRows(matrix, queues, []);
    expect(hasProblem(a)).toBe(true);
    expect(hasProblem(b)).toBe(false);
    const healthy = buildSiteRows({ ...matrix, items: [row('C_1', 'C', [9, 9], [1, 1])] }, [], [])[0];
    expect(hasProblem(healthy)).toBe(false);
  });

  it('sorts the lowest window efficiency first and sites without jobs last', () => {
    const sites = buildSiteRows({ ...matrix, items: [...matrix.items, row('C_1', 'C', [0, 0], [0, 0])] }, queues, []);
    expect([...sites].sort(byWorst).map((s) => s.id)).toEqual(['A', 'B', 'C']);
  });
});

describe('parseLabelFilter', () => {
  it('reads key=value pairs separated by commas or spaces', () => {
    expect(parseLabelFilter('tier=1, cloud=DE  vo=atlas')).toEqual({
      pairs: [
        ['tier', '1'],
        ['cloud', 'DE'],
        ['vo', 'atlas'],
      ],
      bad: [],
    });
    expect(parseLabelFilter('')).toEqual({ pairs: [], bad: [] });
  });

  it('keeps = inside a value and returns parts that are not key=value', () => {
    expect(parseLabelFilter('a=b=c tier =x')).toEqual({ pairs: [['a', 'b=c']], bad: ['tier', '=x'] });
  });
});
