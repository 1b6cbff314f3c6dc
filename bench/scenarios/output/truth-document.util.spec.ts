import { BLACK_HOLE_SCENARIO, realiseScenario } from '@anvil/backends';
import { truthDocument } from './truth-document.util';

describe(truthDocument.name, () => {
  it('writes times as ISO-8601 and keeps the broken intervals', () => {
    const { truth } = realiseScenario(BLACK_HOLE_SCENARIO, 1);
    const document = truthDocument(truth, BLACK_HOLE_SCENARIO.summary);
    expect(document).toMatchObject({
      scenario: 'black-hole',
      start: '2025-03-03T00:00:00.000Z',
      end: '2025-03-06T00:00:00.000Z',
    });
    const queues = document.queues as { queue: string; brokenIntervals: unknown[] }[];
    expect(queues.find((q) => q.queue === 'TRIUMF_BLACKHOLE')!.brokenIntervals).toEqual([
      expect.objectContaining({ from: '2025-03-04T00:00:00.000Z', until: '2025-03-05T12:00:00.000Z', repaired: true }),
    ]);
  });
});
