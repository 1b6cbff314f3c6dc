import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/** A queue alternates 1-2 h broken and 1-2 h healthy for two days, then settles healthy. */
export const FLAPPING_SCENARIO: ScenarioDescription = {
  name: 'flapping',
  summary: 'IN2P3-CC_FLAPPING alternates broken (90 % site failures) and healthy every 1-2 h from h12 to h60',
  startTime: SCENARIO_START,
  durationHours: 72,
  grid: STANDARD_GRID,
  queues: [
    {
      id: 'IN2P3-CC_FLAPPING',
      site: 'IN2P3-CC',
      baseline: { kind: 'healthy' },
      incidents: [
        {
          kind: 'flapping',
          window: { fromHour: 12, untilHour: 60 },
          brokenHours: [1, 2],
          healthyHours: [1, 2],
          failureRate: 0.9,
          errorMix: { site: 0.9, unknown: 0.1 },
        },
      ],
    },
  ],
  incidents: [],
};
