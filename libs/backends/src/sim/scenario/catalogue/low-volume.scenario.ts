import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/** A queue that gets a job of each template only every 6-9 h is broken for 36 h, then repaired. */
export const LOW_VOLUME_SCENARIO: ScenarioDescription = {
  name: 'low-volume',
  summary: 'NDGF-T1_LOWVOL runs one job per template every 6-9 h; broken (95 % site failures) from h12 to h48',
  startTime: SCENARIO_START,
  durationHours: 96,
  grid: STANDARD_GRID,
  queues: [
    {
      id: 'NDGF-T1_LOWVOL',
      site: 'NDGF-T1',
      baseline: { kind: 'healthy' },
      cadenceMinutes: [360, 540],
      incidents: [
        {
          kind: 'outage',
          window: { fromHour: 12, untilHour: 48 },
          failureRate: 0.95,
          errorMix: { site: 0.9, unknown: 0.1 },
          hitsRunningJobs: false,
        },
      ],
    },
  ],
  incidents: [],
};
