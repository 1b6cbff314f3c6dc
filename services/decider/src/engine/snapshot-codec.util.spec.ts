import { compressSnapshot, decompressSnapshot } from './snapshot-codec.util';

describe('compressSnapshot', () => {
  it('round-trips a snapshot and stores repetitive evidence much smaller than its JSON', async () => {
    const snapshot = {
      queueId: 'Q1',
      recent: Array.from({ length: 200 }, (_, i) => ({ jobId: `job-${i}`, failed: false })),
    };
    const stored = await compressSnapshot(snapshot);
    expect(stored.length).toBeLessThan(JSON.stringify(snapshot).length / 4);
    expect(await decompressSnapshot(stored)).toEqual(snapshot);
  });
});
