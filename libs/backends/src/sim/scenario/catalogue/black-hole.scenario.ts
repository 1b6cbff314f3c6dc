import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/** A queue turns into a black hole at hour 24 (every job fails within minutes) and is repaired late. */
export const BLACK_HOLE_SCENARIO: ScenarioDescription = {
  name: 'black-hole',
  summary: 'TRIUMF_BLACKHOLE fails every job fast with site errors from h24 until a late repair at h60',
  startTime: SCENARIO_START,
  durationHours: 72,
  grid: STANDARD_GRID,
  queues: [
    {
      id: 'TRIUMF_BLACKHOLE',
      site: 'TRIUMF',
      baseline: { kind: 'healthy' },
      incidents: [
        { kind: 'black-hole', window: { fromHour: 24, untilHour: 60 }, errorMix: { site: 1 }, failureMinutes: [1, 5] },
      ],
    },
  ],
  incidents: [],
};
