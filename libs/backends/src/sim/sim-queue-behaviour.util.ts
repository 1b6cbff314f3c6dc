import type { RealisedQueue } from './scenario/realise/realised-scenario.types';
import type { ScenarioReplay } from './scenario/replay/scenario-replay';
import { QueueConfigException } from '../queue-config.exception';
import type { SimQueueModel } from './sim-queue-model';
import { validateSimQueueModel } from './validate-sim-queue-model.util';

/** How a queue's jobs behave: its own model, or the scenario queue it plays. */
export type SimQueueBehaviour =
  | { readonly kind: 'model'; readonly model: SimQueueModel }
  | { readonly kind: 'scenario'; readonly queue: RealisedQueue; readonly replay: ScenarioReplay };

/**
 * The one rule: a queue plays a scenario queue when its `backend_config` names one in `scenarioQueue` and
 * the loaded scenario has that queue; otherwise the rest of its `backend_config` must be a `SimQueueModel`.
 * The queue's own id is never matched against the scenario. Throws a `QueueConfigException` naming the field.
 */
export function simQueueBehaviour(backendConfig: unknown, path: string, replay?: ScenarioReplay): SimQueueBehaviour {
  const config =
    typeof backendConfig === 'object' && backendConfig !== null ? (backendConfig as Record<string, unknown>) : {};
  const scenarioQueue = config.scenarioQueue;
  if (scenarioQueue !== undefined) {
    if (typeof scenarioQueue !== 'string' || scenarioQueue === '') {
      throw new QueueConfigException(`${path}.scenarioQueue`, 'must be a non-empty string');
    }
    const queue = replay?.queue(scenarioQueue);
    if (replay !== undefined && queue !== undefined) {
      return { kind: 'scenario', queue, replay };
    }
    if (config.failureProbability === undefined) {
      const why = replay === undefined ? 'no scenario is loaded' : `scenario ${replay.name} has no such queue`;
      throw new QueueConfigException(
        `${path}.scenarioQueue`,
        `names ${scenarioQueue}, but ${why} and there is no model to fall back on`,
      );
    }
  }
  return { kind: 'model', model: validateSimQueueModel(backendConfig, path) };
}
