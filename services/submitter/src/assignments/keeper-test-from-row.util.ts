import { parseWorkloadSpec } from '@anvil/backends';
import type { KeeperProfile, KeeperTest, ProfileStep } from '../keeper/keeper-test.type';
import type { OwnedTestRow } from './owned-test-row.type';

type Fields = Record<string, unknown>;

function object(value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${field} must be an object`);
  }
  return value as Fields;
}

function count(value: unknown, field: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) {
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${field} must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function steps(value: unknown): ProfileStep[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new Error('submission_profile.steps must be an array');
  }
  let previous = -1;
  return value.map((entry, i) => {
    const step = object(entry, `submission_profile.steps[${i}]`);
    const afterSeconds = count(step.afterSeconds, `submission_profile.steps[${i}].afterSeconds`);
    if (afterSeconds <= previous) {
      throw new Error(`submission_profile.steps[${i}].afterSeconds must be greater than the step before`);
    }
    previous = afterSeconds;
    return { afterSeconds, maxRunning: count(step.maxRunning, `submission_profile.steps[${i}].maxRunning`) };
  });
}

function profileFrom(value: unknown): KeeperProfile {
  const p = object(value, 'submission_profile');
  if (p.resubmit !== undefined && typeof p.resubmit !== 'boolean') {
    throw new Error('submission_profile.resubmit must be a boolean');
  }
  if (p.ramp !== undefined && p.ramp !== 'step' && p.ramp !== 'linear') {
    throw new Error('submission_profile.ramp must be step or linear');
  }
  return {
    minQueueDepth: count(p.minQueueDepth, 'submission_profile.minQueueDepth'),
    maxRunning: count(p.maxRunning, 'submission_profile.maxRunning'),
    totalJobs: count(p.totalJobs, 'submission_profile.totalJobs', 0),
    resubmit: p.resubmit ?? true,
    steps: steps(p.steps),
    ramp: p.ramp ?? 'step',
  };
}

/** The keeper's view of an owned test; throws naming the field when the stored template version is unusable. */
export function keeperTestFromRow(row: OwnedTestRow): KeeperTest {
  return {
    testId: row.testId,
    leaseEpoch: BigInt(row.leaseEpoch),
    kind: row.kind,
    startAt: new Date(row.startAt),
    endAt: new Date(row.endAt),
    profile: profileFrom(row.profile),
    workload: parseWorkloadSpec(row.workload),
    queues: row.queues.map((q) => ({
      queueId: q.queueId,
      queueName: q.queueName,
      siteId: q.siteId,
      backend: q.backend,
      backendConfig: q.backendConfig,
      online: q.status !== 'offline',
    })),
  };
}
