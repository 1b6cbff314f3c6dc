import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/** A queue degrades over 8 h from its background rate to 90 % failures, and stays there. */
export const SLOW_DEGRADATION_SCENARIO: ScenarioDescription = {
  name: 'slow-degradation',
  summary: 'FZK-LCG2_DEGRADING: failure probability rises from h18 over 8 h to 90 % and stays; broken from 50 %',
  startTime: SCENARIO_START,
  durationHours: 72,
  grid: STANDARD_GRID,
  queues: [
    {
      id: 'FZK-LCG2_DEGRADING',
      site: 'FZK-LCG2',
      baseline: { kind: 'healthy' },
      incidents: [
        {
          kind: 'degradation',
          window: { fromHour: 18 },
          rampHours: 8,
          maxFailureRate: 0.9,
          brokenAbove: 0.5,
          errorMix: { site: 0.8, unknown: 0.2 },
        },
      ],
    },
  ],
  incidents: [],
};
