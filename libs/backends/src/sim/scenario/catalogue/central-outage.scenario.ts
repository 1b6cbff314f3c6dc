import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/**
 * A central service fails for 2 h: 60 % of all queues fail 95 % of their jobs (running jobs fail at
 * stage-out too), mostly with `unknown` errors. No queue is broken; none should be excluded.
 */
export const CENTRAL_OUTAGE_SCENARIO: ScenarioDescription = {
  name: 'central-outage',
  summary: '60 % of all queues fail 95 % of jobs from h30 to h32 (80 % unknown, 20 % central errors); all healthy',
  startTime: SCENARIO_START,
  durationHours: 72,
  grid: STANDARD_GRID,
  queues: [],
  incidents: [
    {
      kind: 'central-outage',
      window: { fromHour: 30, untilHour: 32 },
      affectedFraction: 0.6,
      failureRate: 0.95,
      errorMix: { unknown: 0.8, central: 0.2 },
      failureMinutes: [2, 15],
      hitsRunningJobs: true,
    },
  ],
};
