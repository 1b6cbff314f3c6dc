import { generateSimGrid } from './generate-sim-grid';
import { validateSimQueueModel } from './validate-sim-queue-model.util';

describe('generateSimGrid', () => {
  it('makes 20 WLCG-like sites with 2 queues each by default', () => {
    const grid = generateSimGrid({ seed: 42 });
    expect(grid.sites).toHaveLength(20);
    expect(grid.queues).toHaveLength(40);
    expect(grid.sites[0]).toEqual({
      id: 'CERN-PROD',
      name: 'CERN Tier-0',
      labels: { country: 'CH', tier: '0', vo: 'atlas' },
    });
    expect(grid.queues.map((q) => q.id)).toContain('CERN-PROD_SIM1');
    expect(grid.queues.map((q) => q.id)).toContain('BNL-ATLAS_SIM2');
    expect(new Set(grid.queues.map((q) => q.id)).size).toBe(40);
    for (const q of grid.queues) {
      expect(q.id).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('is the same grid when the seed is the same, and a different one when it differs', () => {
    expect(generateSimGrid({ seed: 42 })).toEqual(generateSimGrid({ seed: 42 }));
    expect(generateSimGrid({ seed: 42 }).queues).not.toEqual(generateSimGrid({ seed: 43 }).queues);
  });

  it('has one black hole, one slow queue, a few flaky ones and mostly healthy queues', () => {
    const profiles = generateSimGrid({ seed: 42 }).queues.map((q) => q.labels.sim_profile);
    const count = (p: string): number => profiles.filter((x) => x === p).length;
    expect(count('black-hole')).toBe(1);
    expect(count('slow')).toBe(1);
    expect(count('flaky')).toBe(4);
    expect(count('healthy')).toBe(34);
  });

  it('gives every queue a valid model with demo-scale durations', () => {
    const grid = generateSimGrid({ seed: 9 });
    grid.queues.forEach((q, i) => {
      const model = validateSimQueueModel(q.backendConfig, `queues[${i}]`);
      const profile = q.labels.sim_profile;
      if (profile === 'healthy') {
        expect(model.failureProbability).toBeGreaterThanOrEqual(0.02);
        expect(model.failureProbability).toBeLessThanOrEqual(0.05);
      }
      if (profile === 'flaky') {
        expect(model.failureProbability).toBeGreaterThanOrEqual(0.25);
        expect(model.failureProbability).toBeLessThanOrEqual(0.4);
      }
      if (profile === 'black-hole') {
        expect(model.failureProbability).toBe(1);
        expect(model.failFastSeconds).toBeLessThan(5);
      }
    });
  });

  it('names extra sites when more are asked for than it knows', () => {
    const grid = generateSimGrid({ seed: 1, sites: 22, queuesPerSite: 1 });
    expect(grid.sites[21].id).toBe('SIM-SITE-022');
  });

  it('scales every duration with timeScale', () => {
    const normal = generateSimGrid({ seed: 5, sites: 2, queuesPerSite: 1 });
    const fast = generateSimGrid({ seed: 5, sites: 2, queuesPerSite: 1, timeScale: 0.1 });
    const median = (g: typeof normal): number => {
      const run = g.queues[0].backendConfig.runSeconds;
      return run.kind === 'lognormal' ? run.median : run.max;
    };
    expect(median(fast)).toBeCloseTo(median(normal) * 0.1, 2);
  });

  it('rejects a non-positive site count', () => {
    expect(() => generateSimGrid({ seed: 1, sites: 0 })).toThrow('sites must be a positive integer');
  });
});
