import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context';
import { isUniqueViolation } from '../common/is-unique-violation.util';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { backendConfigProblem } from './backend-config-problem.util';
import type { CreateQueueDto } from './dto/create-queue.dto';
import type { QueueDetailDto } from './dto/queue-detail.dto';
import type { UpdateQueueDto } from './dto/update-queue.dto';
import { isForeignKeyViolation } from './is-foreign-key-violation.util';
import type { NewQueue, QueueBackendState, QueueChanges } from './queue-changes';
import { queueNotFound } from './queue-not-found.exception';
import { QueueWritesRepository } from './queue-writes.repository';
import { QueuesRepository } from './queues.repository';

/** Creating and changing queues: the status stays the decider's, everything else is the operators'. */
@Injectable()
export class QueuesService {
  constructor(
    private readonly queues: QueuesRepository,
    private readonly writes: QueueWritesRepository,
  ) {}

  async get(id: string): Promise<QueueDetailDto> {
    const queue = await this.queues.findById(id);
    if (!queue) {
      throw queueNotFound(id);
    }
    return queue;
  }

  /** Checks the backend config with the backend's validator; the site and the id uniqueness by the insert. */
  async create(input: CreateQueueDto, context: RequestContext): Promise<QueueDetailDto> {
    const queue: NewQueue = {
      id: input.id,
      siteId: input.siteId,
      name: input.name,
      backend: input.backend,
      backendConfig: input.backendConfig ?? {},
      labels: input.labels ?? {},
      protected: input.protected ?? false,
      autoExclusion: input.autoExclusion ?? true,
    };
    checkBackendConfig(queue);
    const audit = {
      actor: context.actor,
      action: 'queue.created',
      target: `queue:${queue.id}`,
      details: { siteId: queue.siteId, name: queue.name, backend: queue.backend },
      requestId: context.requestId,
    };
    try {
      await this.writes.create(queue, audit);
    } catch (error) {
      if (isUniqueViolation(error, 'queues_pkey')) {
        throw new ApiException(ApiErrorCode.QueueIdTaken, `a queue with id ${queue.id} exists`, [
          { field: 'id', problem: 'must be unique: another queue has this id' },
        ]);
      }
      throw siteProblem(error, queue.siteId);
    }
    return this.get(queue.id);
  }

  /** Changes the given fields; a new backend or config is checked against the queue's backend after the change. */
  async update(id: string, input: UpdateQueueDto, context: RequestContext): Promise<QueueDetailDto> {
    const changes: QueueChanges = {
      name: input.name,
      siteId: input.siteId,
      backend: input.backend,
      backendConfig: input.backendConfig,
      labels: input.labels,
      protected: input.protected,
      autoExclusion: input.autoExclusion,
    };
    const changed = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(changed).length === 0) {
      throw ApiException.invalidField('body', 'must change at least one field');
    }
    const audit = {
      actor: context.actor,
      action: 'queue.updated',
      target: `queue:${id}`,
      details: { changes: changed },
      requestId: context.requestId,
    };
    const check = (before: QueueBackendState): void => {
      if (changes.backend !== undefined || changes.backendConfig !== undefined) {
        checkBackendConfig({
          backend: changes.backend ?? before.backend,
          backendConfig: changes.backendConfig ?? before.backendConfig,
        });
      }
    };
    let found: boolean;
    try {
      found = await this.writes.update(id, changes, check, audit);
    } catch (error) {
      throw changes.siteId === undefined ? error : siteProblem(error, changes.siteId);
    }
    if (!found) {
      throw queueNotFound(id);
    }
    return this.get(id);
  }
}

function checkBackendConfig(state: QueueBackendState): void {
  const problem = backendConfigProblem(state.backend, state.backendConfig);
  if (problem !== undefined) {
    throw ApiException.validation([{ field: problem.field, problem: `${problem.problem} (backend ${state.backend})` }]);
  }
}

/** The 400 of a site id that names no site (the foreign key refused it), or `error` itself. */
function siteProblem(error: unknown, siteId: string): unknown {
  if (isForeignKeyViolation(error, 'queues_site_id_fkey')) {
    return ApiException.invalidField('siteId', `names no existing site (${siteId})`);
  }
  return error;
}
