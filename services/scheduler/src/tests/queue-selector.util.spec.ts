import type { QueueSelector } from '@anvil/db';
import { queueSelectorParams } from './queue-selector.util';

describe('queueSelectorParams', () => {
  it('keeps explicit queue ids, without duplicates, when only ids are given', () => {
    expect(queueSelectorParams({ queueIds: ['A', 'B', 'A'] })).toEqual({
      ids: ['A', 'B'],
      byLabels: false,
      labels: {},
      backend: null,
    });
  });

  it('selects by labels and backend when both are given', () => {
    expect(queueSelectorParams({ labels: { cloud: 'DE', tier: '1' }, backend: 'sim' })).toEqual({
      ids: [],
      byLabels: true,
      labels: { cloud: 'DE', tier: '1' },
      backend: 'sim',
    });
  });

  it('selects by backend alone when no labels are given', () => {
    expect(queueSelectorParams({ backend: 'slurm' })).toMatchObject({ byLabels: true, labels: {}, backend: 'slurm' });
  });

  it('matches nothing when the selector is empty', () => {
    expect(queueSelectorParams({})).toEqual({ ids: [], byLabels: false, labels: {}, backend: null });
    expect(queueSelectorParams(null)).toEqual({ ids: [], byLabels: false, labels: {}, backend: null });
  });

  it('ignores values of the wrong type when the stored JSON is malformed', () => {
    const malformed = {
      queueIds: ['A', 3, ''],
      labels: { cloud: 'DE', tier: 1 },
      backend: '',
    } as unknown as QueueSelector;
    expect(queueSelectorParams(malformed)).toEqual({
      ids: ['A'],
      byLabels: true,
      labels: { cloud: 'DE' },
      backend: null,
    });
  });
});
