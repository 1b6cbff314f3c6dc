import type { GridSpec } from '../scenario.types';

/**
 * The background grid of every scenario: 40 healthy queues on 8 sites, 3 golden templates each, one
 * job per template every 20-40 min, and a 1-2 % background failure rate of mixed error classes.
 */
export const STANDARD_GRID: GridSpec = {
  sites: [
    { id: 'CERN-PROD', queues: 7 },
    { id: 'BNL-ATLAS', queues: 6 },
    { id: 'IN2P3-CC', queues: 5 },
    { id: 'FZK-LCG2', queues: 5 },
    { id: 'RAL-LCG2', queues: 5 },
    { id: 'TRIUMF', queues: 4 },
    { id: 'INFN-T1', queues: 4 },
    { id: 'NDGF-T1', queues: 4 },
  ],
  queueSuffixes: ['UCORE', 'MCORE', 'SCORE', 'HIMEM', 'ANALY', 'LONG', 'GPU'],
  templates: ['pft-evgen', 'pft-simul', 'aft-analysis'],
  backgroundFailureRate: [0.01, 0.02],
  backgroundErrorMix: { site: 0.4, workload: 0.3, unknown: 0.2, central: 0.1 },
  timing: {
    cadenceMinutes: [20, 40],
    jitter: 0.25,
    successMinutes: [20, 120],
    failureMinutes: [5, 60],
  },
};
