/** JetStream streams of Anvil (ARCHITECTURE.md section 3). Names and subjects are un-namespaced here; `@anvil/bus` prefixes them. */
export interface StreamDefinition {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly maxAgeSeconds: number;
  readonly maxBytes?: number;
  readonly duplicateWindowSeconds: number;
}

const DAY = 24 * 3600;

export const STREAMS = {
  TESTS: { name: 'ANVIL_TESTS', subjects: ['anvil.test.>'], maxAgeSeconds: 30 * DAY, duplicateWindowSeconds: 600 },
  JOBS: { name: 'ANVIL_JOBS', subjects: ['anvil.job.>'], maxAgeSeconds: 7 * DAY, duplicateWindowSeconds: 600 },
  DECISIONS: {
    name: 'ANVIL_DECISIONS',
    subjects: ['anvil.queue.>', 'anvil.outage.>'],
    maxAgeSeconds: 90 * DAY,
    duplicateWindowSeconds: 600,
  },
  LOGS: {
    name: 'ANVIL_LOGS',
    subjects: ['anvil.log.>', 'anvil.access.>'],
    maxAgeSeconds: 3 * DAY,
    maxBytes: 10 * 1024 ** 3,
    duplicateWindowSeconds: 120,
  },
  DLQ: { name: 'ANVIL_DLQ', subjects: ['anvil.dlq.>'], maxAgeSeconds: 30 * DAY, duplicateWindowSeconds: 600 },
} as const satisfies Record<string, StreamDefinition>;

export type StreamKey = keyof typeof STREAMS;

/** Subject a consumer dead-letters to: `anvil.dlq.<service>`. */
export function dlqSubject(service: string): string {
  return `anvil.dlq.${service}`;
}
