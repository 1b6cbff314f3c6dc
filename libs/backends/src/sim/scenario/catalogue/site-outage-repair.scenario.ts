import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/** A queue's storage fails for 8 h (running jobs fail too), then it is repaired. */
export const SITE_OUTAGE_REPAIR_SCENARIO: ScenarioDescription = {
  name: 'site-outage-repair',
  summary: 'INFN-T1_OUTAGE fails 97 % of jobs (mostly site errors) from h20 to h28, then works again',
  startTime: SCENARIO_START,
  durationHours: 72,
  grid: STANDARD_GRID,
  queues: [
    {
      id: 'INFN-T1_OUTAGE',
      site: 'INFN-T1',
      baseline: { kind: 'healthy' },
      incidents: [
        {
          kind: 'outage',
          window: { fromHour: 20, untilHour: 28 },
          failureRate: 0.97,
          errorMix: { site: 0.85, unknown: 0.15 },
          hitsRunningJobs: true,
        },
      ],
    },
  ],
  incidents: [],
};
