import type { TemplateDefinitionDto } from './dto/template-definition.dto';
import { templateRuleViolations } from './template-rules.util';

function template(overrides: Record<string, unknown> = {}): TemplateDefinitionDto {
  return {
    kind: 'functional',
    workload: { command: 'true' },
    queueSelector: { queueIds: ['q1'] },
    submissionProfile: { minQueueDepth: 1, maxRunning: 2 },
    lifetimeSeconds: 3600,
    ...overrides,
  };
}

describe('templateRuleViolations', () => {
  it('finds nothing when the template is coherent', () => {
    expect(templateRuleViolations(template())).toEqual([]);
  });

  it('names submissionProfile.minQueueDepth when it exceeds maxRunning', () => {
    expect(templateRuleViolations(template({ submissionProfile: { minQueueDepth: 3, maxRunning: 2 } }))).toEqual([
      { field: 'submissionProfile.minQueueDepth', problem: 'must be ≤ submissionProfile.maxRunning' },
    ]);
  });

  it('accepts minQueueDepth equal to maxRunning', () => {
    expect(templateRuleViolations(template({ submissionProfile: { minQueueDepth: 2, maxRunning: 2 } }))).toEqual([]);
  });

  it('refuses robot when the kind is not functional', () => {
    expect(templateRuleViolations(template({ kind: 'stress', robot: true }))).toEqual([
      { field: 'robot', problem: 'can be true only when kind is functional' },
    ]);
  });

  it('refuses a selector without any criterion', () => {
    expect(templateRuleViolations(template({ queueSelector: { labels: {} } }))).toEqual([
      { field: 'queueSelector', problem: 'must set queueIds, labels or backend' },
    ]);
  });

  it('names the repeated item when a queue id is listed twice', () => {
    expect(templateRuleViolations(template({ queueSelector: { queueIds: ['a', 'b', 'a'] } }))).toEqual([
      { field: 'queueSelector.queueIds[2]', problem: 'repeats queue a' },
    ]);
  });

  it('names the step whose afterSeconds does not increase', () => {
    const steps = [
      { afterSeconds: 60, maxRunning: 4 },
      { afterSeconds: 60, maxRunning: 8 },
    ];
    expect(templateRuleViolations(template({ submissionProfile: { minQueueDepth: 1, maxRunning: 2, steps } }))).toEqual(
      [{ field: 'submissionProfile.steps[1].afterSeconds', problem: 'must be greater than the step before' }],
    );
  });

  it('reports workload problems with their fields', () => {
    expect(templateRuleViolations(template({ workload: { command: 'true', resources: { cores: 0 } } }))).toEqual([
      { field: 'workload.resources.cores', problem: 'must be an integer from 1 to 1024' },
    ]);
  });

  it('accepts a ramp from 0 when the profile has steps, and refuses maxRunning 0 without them', () => {
    const ramp = {
      minQueueDepth: 0,
      maxRunning: 0,
      steps: [{ afterSeconds: 600, maxRunning: 50 }],
      ramp: 'linear' as const,
    };
    expect(templateRuleViolations(template({ kind: 'stress', submissionProfile: ramp }))).toEqual([]);
    expect(templateRuleViolations(template({ submissionProfile: { minQueueDepth: 0, maxRunning: 0 } }))).toEqual([
      { field: 'submissionProfile.maxRunning', problem: 'must be at least 1 (0 only with steps)' },
    ]);
  });
});
