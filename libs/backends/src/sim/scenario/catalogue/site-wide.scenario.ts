import type { ScenarioDescription } from '../scenario.types';
import { SCENARIO_START } from './scenario-start.constant';
import { STANDARD_GRID } from './standard-grid.constant';

/** Every queue of one site (6 of 40) fails together for 6 h: a real site outage, all of them broken. */
export const SITE_WIDE_SCENARIO: ScenarioDescription = {
  name: 'site-wide',
  summary: 'all 6 BNL-ATLAS queues fail 95 % of jobs (mostly site errors) from h24 to h30, then are repaired',
  startTime: SCENARIO_START,
  durationHours: 72,
  grid: STANDARD_GRID,
  queues: [],
  incidents: [
    {
      kind: 'site-outage',
      site: 'BNL-ATLAS',
      window: { fromHour: 24, untilHour: 30 },
      failureRate: 0.95,
      errorMix: { site: 0.7, unknown: 0.3 },
      hitsRunningJobs: true,
    },
  ],
};
