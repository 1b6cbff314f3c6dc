import { parseWorkloadSpec } from '@anvil/backends';
import type { KeeperProfile, KeeperTest } from '../keeper/keeper-test.type';
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

function profileFrom(value: unknown): KeeperProfile {
  const p = object(value, 'submission_profile');
  return {
    minQueueDepth: count(p.minQueueDepth, 'submission_profile.minQueueDepth'),
    maxRunning: count(p.maxRunning, 'submission_profile.maxRunning'),
    totalJobs: count(p.totalJobs, 'submission_profile.totalJobs', 0),
  };
}

/** The keeper's view of an owned test; throws naming the field when the stored template version is unusable. */
export function keeperTestFromRow(row: OwnedTestRow): KeeperTest {
  return {
    testId: row.testId,
    leaseEpoch: BigInt(row.leaseEpoch),
    kind: row.kind,
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
