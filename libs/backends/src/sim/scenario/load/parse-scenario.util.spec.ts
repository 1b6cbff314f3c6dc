import { SCENARIO_CATALOGUE } from '../catalogue/scenario-catalogue.constant';
import { SITE_WIDE_SCENARIO } from '../catalogue/site-wide.scenario';
import { SLOW_DEGRADATION_SCENARIO } from '../catalogue/slow-degradation.scenario';
import { FLAPPING_SCENARIO } from '../catalogue/flapping.scenario';
import { parseScenario } from './parse-scenario.util';
import { ScenarioValidationException } from './scenario-validation.exception';

/** A deep copy of a catalogue scenario as plain JSON, with `change` applied. */
function document(change: (doc: any) => void = () => undefined, base: object = FLAPPING_SCENARIO): unknown {
  const doc = JSON.parse(JSON.stringify(base));
  change(doc);
  return doc;
}

function problem(value: unknown): { path: string; message: string } {
  try {
    parseScenario(value, 'test.yaml');
  } catch (error) {
    if (error instanceof ScenarioValidationException) {
      return { path: error.path, message: error.message };
    }
    throw error;
  }
  throw new Error('parseScenario accepted the document');
}

describe('parseScenario', () => {
  it.each(SCENARIO_CATALOGUE.map((d) => [d.name, d] as const))('accepts catalogue scenario %s as it is', (_, d) => {
    expect(parseScenario(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  it('reads an ISO-8601 start time as epoch ms', () => {
    const parsed = parseScenario(document((d) => (d.startTime = '2025-03-03T00:00:00Z')));
    expect(parsed.startTime).toBe(FLAPPING_SCENARIO.startTime);
  });

  it('names an unknown key with its path and the file', () => {
    expect(problem(document((d) => (d.queues[0].incidents[0].window.toHour = 3)))).toEqual({
      path: 'queues[0].incidents[0].window.toHour',
      message: 'test.yaml: queues[0].incidents[0].window.toHour is not a known field (expected fromHour, untilHour)',
    });
    expect(problem(document((d) => (d.extra = true))).path).toBe('extra');
  });

  it('names a field of the wrong type', () => {
    expect(problem(document((d) => (d.grid.timing.jitter = '0.25')))).toMatchObject({
      path: 'grid.timing.jitter',
      message: expect.stringContaining('must be a finite number'),
    });
    expect(problem(document((d) => (d.queues[0].incidents[0].failureRate = 1.5))).path).toBe(
      'queues[0].incidents[0].failureRate',
    );
    expect(problem(document((d) => (d.grid.backgroundFailureRate = [0.02])))).toMatchObject({
      path: 'grid.backgroundFailureRate',
      message: expect.stringContaining('must be a list of two numbers'),
    });
    expect(problem(document((d) => (d.queues = {}))).path).toBe('queues');
    expect(problem('not a scenario')).toMatchObject({ path: 'scenario', message: expect.stringContaining('object') });
  });

  it('names a missing field and an unknown kind', () => {
    expect(problem(document((d) => delete d.summary))).toMatchObject({ path: 'summary' });
    expect(problem(document((d) => (d.queues[0].baseline = { kind: 'sleepy' })))).toMatchObject({
      path: 'queues[0].baseline.kind',
      message: expect.stringContaining('must be one of healthy, flaky, slow'),
    });
    expect(problem(document((d) => (d.queues[0].baseline = { kind: 'healthy', failureRate: 0.1 }))).path).toBe(
      'queues[0].baseline.failureRate',
    );
  });

  it('refuses a window outside the scenario or ending before it starts', () => {
    expect(problem(document((d) => (d.queues[0].incidents[0].window = { fromHour: 80 }))).path).toBe(
      'queues[0].incidents[0].window.fromHour',
    );
    expect(problem(document((d) => (d.queues[0].incidents[0].window = { fromHour: 12, untilHour: 12 }))).path).toBe(
      'queues[0].incidents[0].window.untilHour',
    );
  });

  it('refuses a range whose maximum is below its minimum and flapping phases of zero length', () => {
    expect(problem(document((d) => (d.grid.timing.successMinutes = [120, 20]))).path).toBe(
      'grid.timing.successMinutes[1]',
    );
    expect(problem(document((d) => (d.queues[0].incidents[0].healthyHours = [0, 2]))).path).toBe(
      'queues[0].incidents[0].healthyHours[0]',
    );
  });

  it('refuses an error mix without weight or with an unknown class', () => {
    expect(problem(document((d) => (d.queues[0].incidents[0].errorMix = {}))).path).toBe(
      'queues[0].incidents[0].errorMix',
    );
    expect(problem(document((d) => (d.grid.backgroundErrorMix.network = 1))).path).toBe(
      'grid.backgroundErrorMix.network',
    );
  });

  it('refuses a queue id that repeats a background queue or is not a valid queue id', () => {
    expect(problem(document((d) => (d.queues[0].id = 'CERN-PROD_UCORE')))).toMatchObject({
      path: 'queues[0].id',
      message: expect.stringContaining('duplicates queue CERN-PROD_UCORE'),
    });
    expect(problem(document((d) => (d.queues[0].id = 'IN2P3 FLAPPING'))).path).toBe('queues[0].id');
  });

  it('refuses a site outage of a site without queues', () => {
    const doc = document((d) => (d.incidents[0].site = 'NOWHERE'), SITE_WIDE_SCENARIO);
    expect(problem(doc)).toMatchObject({ path: 'incidents[0].site', message: expect.stringContaining('matches no') });
  });

  it('accepts a degradation without an end', () => {
    expect(parseScenario(document(() => undefined, SLOW_DEGRADATION_SCENARIO)).queues[0].incidents[0]).toEqual(
      SLOW_DEGRADATION_SCENARIO.queues[0].incidents[0],
    );
  });
});
