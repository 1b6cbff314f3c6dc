import { BLACK_HOLE_SCENARIO } from './black-hole.scenario';
import { CENTRAL_OUTAGE_SCENARIO } from './central-outage.scenario';
import { FLAKY_SCENARIO } from './flaky.scenario';
import { FLAPPING_SCENARIO } from './flapping.scenario';
import { LOW_VOLUME_SCENARIO } from './low-volume.scenario';
import type { ScenarioDescription } from '../scenario.types';
import { SITE_OUTAGE_REPAIR_SCENARIO } from './site-outage-repair.scenario';
import { SITE_WIDE_SCENARIO } from './site-wide.scenario';
import { SLOW_DEGRADATION_SCENARIO } from './slow-degradation.scenario';

/** Every scenario the exclusion benchmark replays, in report order. */
export const SCENARIO_CATALOGUE: readonly ScenarioDescription[] = [
  BLACK_HOLE_SCENARIO,
  FLAKY_SCENARIO,
  SLOW_DEGRADATION_SCENARIO,
  SITE_OUTAGE_REPAIR_SCENARIO,
  CENTRAL_OUTAGE_SCENARIO,
  SITE_WIDE_SCENARIO,
  LOW_VOLUME_SCENARIO,
  FLAPPING_SCENARIO,
];
