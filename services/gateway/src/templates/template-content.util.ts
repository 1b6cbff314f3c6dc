import type { TemplateDefinitionDto } from './dto/template-definition.dto';
import type { TemplateContent } from './template-content';

/** The content to store for a validated definition: defaults applied, plain documents (no DTO instances). */
export function templateContent(input: TemplateDefinitionDto): TemplateContent {
  const { workload, queueSelector, submissionProfile } = input;
  return {
    kind: input.kind,
    description: input.description ?? '',
    workload,
    queueSelector: { queueIds: queueSelector.queueIds, labels: queueSelector.labels, backend: queueSelector.backend },
    submissionProfile: {
      minQueueDepth: submissionProfile.minQueueDepth,
      maxRunning: submissionProfile.maxRunning,
      totalJobs: submissionProfile.totalJobs,
      resubmit: submissionProfile.resubmit,
      steps: submissionProfile.steps?.map((step) => ({ afterSeconds: step.afterSeconds, maxRunning: step.maxRunning })),
      ramp: submissionProfile.ramp,
    },
    lifetimeSeconds: input.lifetimeSeconds,
    robot: input.robot ?? input.kind === 'functional',
    golden: input.golden ?? false,
    policy: input.policy ?? null,
  };
}
