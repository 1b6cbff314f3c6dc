import type { QueueSnapshot } from './engine-snapshot.types';
import { copyQueueSnapshot } from './copy-queue-snapshot.util';

function queue(): QueueSnapshot {
  return {
    formatVersion: 1,
    queueId: 'Q1',
    siteId: 'S1',
    labels: { vo: 'atlas' },
    protected: false,
    autoExclusion: true,
    status: 'excluded',
    excludedBy: 'policy',
    override: null,
    episode: { openedAt: 1, rule: 'sprt', excluded: true, exclusionNumber: 1 },
    exclusionCount: 1,
    goodSince: 0,
    reexcludeAfter: 0,
    seq: 3,
    breakerFailing: true,
    templates: { T1: [{ jobId: 'j1', templateId: 'T1', time: 1, failed: true, errorClass: 'site' }] },
    recent: [{ jobId: 'j1', templateId: 'T1', time: 1, failed: true, errorClass: 'site' }],
  };
}

describe('copyQueueSnapshot', () => {
  it('equals the original and is not changed when the containers of the original change', () => {
    const original = queue();
    const copy = copyQueueSnapshot(original);
    expect(copy).toEqual(queue());

    original.labels.vo = 'cms';
    original.episode!.blockedBy = 'outage';
    original.templates.T1.push({ jobId: 'j2', templateId: 'T1', time: 2, failed: false });
    original.templates.T2 = [];
    original.recent.splice(0, 1);
    original.seq = 9;

    expect(copy).toEqual(queue());
  });
});
