import {
  LocalBackendException,
  QueueConfigException,
  validateKubernetesQueueConfig,
  validateLocalQueueConfig,
  validatePandaQueueConfig,
  validateSimQueueModel,
  validateSlurmQueueConfig,
} from '@anvil/backends';
import type { BackendName } from '@anvil/db';
import type { ApiErrorDetail } from '../errors/api-error-detail';

const FIELD = 'backendConfig';

/**
 * What is wrong with a queue's `backendConfig` for `backend`, by the backend's own validator (libs/backends), the
 * field named by its full path (`backendConfig.partition`); undefined when the backend would accept it.
 */
export function backendConfigProblem(
  backend: BackendName,
  config: Record<string, unknown>,
): ApiErrorDetail | undefined {
  try {
    validateFor(backend, config);
    return undefined;
  } catch (error) {
    if (error instanceof QueueConfigException) {
      return { field: error.field, problem: error.message.slice(error.field.length + 1) };
    }
    if (error instanceof LocalBackendException && error.code === 'queue-config') {
      // `<field> <problem>`: the field path holds no space.
      const space = error.message.indexOf(' ');
      return { field: error.message.slice(0, space), problem: error.message.slice(space + 1) };
    }
    throw error;
  }
}

function validateFor(backend: BackendName, config: Record<string, unknown>): void {
  switch (backend) {
    case 'sim':
      validateSim(config);
      return;
    case 'local':
      validateLocalQueueConfig(config, FIELD);
      return;
    case 'slurm':
      validateSlurmQueueConfig(config, FIELD);
      return;
    case 'panda':
      validatePandaQueueConfig(config, FIELD);
      return;
    case 'kubernetes':
      validateKubernetesQueueConfig(config, FIELD);
      return;
  }
}

/**
 * A sim queue has its own model, or plays a queue of the scenario its submitter loads (`scenarioQueue`), with an
 * optional model to fall back on (see `simQueueBehaviour`). The gateway loads no scenario, so a `scenarioQueue`
 * alone is accepted as long as it is a name; a model, when given, must be whole.
 */
function validateSim(config: Record<string, unknown>): void {
  const { scenarioQueue } = config;
  if (scenarioQueue !== undefined && (typeof scenarioQueue !== 'string' || scenarioQueue === '')) {
    throw new QueueConfigException(`${FIELD}.scenarioQueue`, 'must be a non-empty string');
  }
  if (scenarioQueue === undefined || config.failureProbability !== undefined) {
    validateSimQueueModel(config, FIELD);
  }
}
