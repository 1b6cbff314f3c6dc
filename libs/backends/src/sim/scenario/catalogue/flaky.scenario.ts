import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/** Two odd but healthy queues for four days: one fails 10 % of jobs at random, one runs slowly. */
export const FLAKY_SCENARIO: ScenarioDescription = {
  name: 'flaky',
  summary:
    'RAL-LCG2_FLAKY fails 10 % of jobs with site errors all the time and CERN-PROD_SLOW runs 3x longer: both healthy',
  startTime: SCENARIO_START,
  durationHours: 96,
  grid: STANDARD_GRID,
  queues: [
    {
      id: 'RAL-LCG2_FLAKY',
      site: 'RAL-LCG2',
      baseline: { kind: 'flaky', failureRate: 0.1, errorMix: { site: 1 } },
      incidents: [],
    },
    { id: 'CERN-PROD_SLOW', site: 'CERN-PROD', baseline: { kind: 'slow', durationFactor: 3 }, incidents: [] },
  ],
  incidents: [],
};
