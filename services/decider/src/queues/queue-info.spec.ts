import { eventLabels, profileChanged, queueProfile, type QueueInfo } from './queue-info';

const QUEUE: QueueInfo = {
  queueId: 'Q1',
  siteId: 'S1',
  backend: 'slurm',
  backendConfig: { partition: 'p' },
  labels: { vo: 'cms', site: 'ignored' },
  protected: true,
  autoExclusion: false,
};

describe('eventLabels', () => {
  it('adds site, backend and scope, which win over same-named queue labels', () => {
    expect(eventLabels(QUEUE)).toEqual({ vo: 'cms', site: 'S1', backend: 'slurm', scope: 'cms' });
  });

  it('uses the scope label when there is one, else default', () => {
    expect(eventLabels({ ...QUEUE, labels: { scope: 'x' } }).scope).toBe('x');
    expect(eventLabels({ ...QUEUE, labels: {} }).scope).toBe('default');
  });
});

describe('profileChanged', () => {
  it('ignores backend config and sees protection changes', () => {
    expect(profileChanged(QUEUE, { ...QUEUE, backendConfig: { partition: 'q' } })).toBe(false);
    expect(profileChanged(QUEUE, { ...QUEUE, protected: false })).toBe(true);
    expect(queueProfile(QUEUE)).toMatchObject({ protected: true, autoExclusion: false });
  });
});
