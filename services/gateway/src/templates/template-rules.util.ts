import { workloadProblems } from '@anvil/backends';
import type { ApiErrorDetail } from '../errors/api-error-detail';
import type { TemplateDefinitionDto } from './dto/template-definition.dto';

/** Rules across fields of a well-formed template (each field on its own was already validated). */
export function templateRuleViolations(template: TemplateDefinitionDto): ApiErrorDetail[] {
  const problems: ApiErrorDetail[] = [...workloadProblems(template.workload)];
  const { minQueueDepth, maxRunning, steps } = template.submissionProfile;
  const stepped = (steps ?? []).length > 0;
  // With steps the queue is kept at the limit of the moment, in flight; minQueueDepth does not apply.
  if (!stepped && maxRunning < 1) {
    problems.push({ field: 'submissionProfile.maxRunning', problem: 'must be at least 1 (0 only with steps)' });
  } else if (!stepped && minQueueDepth > maxRunning) {
    problems.push({ field: 'submissionProfile.minQueueDepth', problem: 'must be ≤ submissionProfile.maxRunning' });
  }
  // The robot renews tests forever: that is what a functional template is; stress and benchmark tests run once.
  if (template.robot === true && template.kind !== 'functional') {
    problems.push({ field: 'robot', problem: 'can be true only when kind is functional' });
  }
  const { queueIds, labels, backend } = template.queueSelector;
  if ((queueIds ?? []).length === 0 && Object.keys(labels ?? {}).length === 0 && backend === undefined) {
    problems.push({ field: 'queueSelector', problem: 'must set queueIds, labels or backend' });
  }
  (template.submissionProfile.steps ?? []).forEach((step, index) => {
    const previous = template.submissionProfile.steps?.[index - 1];
    if (previous !== undefined && step.afterSeconds <= previous.afterSeconds) {
      problems.push({
        field: `submissionProfile.steps[${index}].afterSeconds`,
        problem: 'must be greater than the step before',
      });
    }
  });
  const seen = new Set<string>();
  (queueIds ?? []).forEach((id, index) => {
    if (seen.has(id)) {
      problems.push({ field: `queueSelector.queueIds[${index}]`, problem: `repeats queue ${id}` });
    }
    seen.add(id);
  });
  return problems;
}
