import { CENTRAL_OUTAGE_SCENARIO } from '../catalogue/central-outage.scenario';
import { MS_PER } from '../realise/ms-per.constant';
import { ScenarioReplay } from './scenario-replay';

describe(ScenarioReplay.name, () => {
  const now = 1_800_000_000_000;

  it('maps a real second to timeScale scenario seconds from hour 0', () => {
    const replay = new ScenarioReplay(CENTRAL_OUTAGE_SCENARIO, 1, 60, 0);
    const hour0 = replay.proposedHour0(now);
    expect(hour0).toBe(now);
    expect(replay.scenarioTime(hour0, now + 60_000)).toBe(CENTRAL_OUTAGE_SCENARIO.startTime + MS_PER.hour);
    expect(replay.scenarioHour(hour0, now + 30 * 60_000)).toBe(30);
  });

  it('starts a new replay at startHour', () => {
    const replay = new ScenarioReplay(CENTRAL_OUTAGE_SCENARIO, 1, 60, 29);
    const hour0 = replay.proposedHour0(now);
    expect(replay.scenarioHour(hour0, now)).toBeCloseTo(29, 9);
    expect(replay.anchorId).toBe('central-outage:1:60:29');
  });

  it('keeps the anchor until the scenario ends in wall time, plus the retention', () => {
    const replay = new ScenarioReplay(CENTRAL_OUTAGE_SCENARIO, 1, 60, 0);
    // 72 scenario hours at 60x are 72 real minutes.
    expect(replay.anchorTtlMs(now, now, 1000)).toBe(72 * 60_000 + 1000);
  });

  it('knows the queues of the realised scenario, background ones included', () => {
    const replay = new ScenarioReplay(CENTRAL_OUTAGE_SCENARIO, 1, 60, 0);
    expect(replay.queue('CERN-PROD_UCORE')?.site).toBe('CERN-PROD');
    expect(replay.queue('NOPE')).toBeUndefined();
  });

  it('refuses a time scale or start hour it cannot replay', () => {
    expect(() => new ScenarioReplay(CENTRAL_OUTAGE_SCENARIO, 1, 0, 0)).toThrow('sim timeScale must be a positive');
    expect(() => new ScenarioReplay(CENTRAL_OUTAGE_SCENARIO, 1, 60, 72)).toThrow('sim startHour must be within [0,72)');
  });
});
