import { describe, expect, it } from '@jest/globals';
import type { Outage } from './decision.types';
import { openOutagesOf, outageCovers } from './outage-scope.util';

const queue = { id: 'CERN-PROD_SIM1', site: { id: 'CERN-PROD' }, labels: { cloud: 'CH', 'a/b': 'x=y' } };

function outage(scope: string, extra: Partial<Outage> = {}): Outage {
  return { id: scope, scope, state: 'open', openedAt: '', closedAt: null, reason: '', evidence: {}, ...extra };
}

describe('outageCovers', () => {
  it('covers every queue for the global scope', () => {
    expect(outageCovers(outage('global'), queue)).toBe(true);
  });

  it('covers the queues of its site only', () => {
    expect(outageCovers(outage('site:CERN-PROD'), queue)).toBe(true);
    expect(outageCovers(outage('site:CERN'), queue)).toBe(false);
  });

  it('covers the queues carrying its label, split at the first =', () => {
    expect(outageCovers(outage('label:cloud=CH'), queue)).toBe(true);
    expect(outageCovers(outage('label:cloud=DE'), queue)).toBe(false);
    expect(outageCovers(outage('label:a/b=x=y'), queue)).toBe(true);
    expect(outageCovers(outage('label:tier=1'), queue)).toBe(false);
  });

  it('covers a queue its evidence names among the failing ones', () => {
    expect(outageCovers(outage('site:OTHER', { evidence: { queueIds: ['CERN-PROD_SIM1'] } }), queue)).toBe(true);
  });
});

describe('openOutagesOf', () => {
  it('keeps the open outages covering the queue', () => {
    const all = [outage('global', { state: 'closed' }), outage('site:CERN-PROD'), outage('site:BNL')];
    expect(openOutagesOf(all, queue).map((o) => o.scope)).toEqual(['site:CERN-PROD']);
    expect(openOutagesOf(undefined, queue)).toEqual([]);
  });
});
