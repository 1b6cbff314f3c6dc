import { percentile } from '../ingest/percentile.util';
import type { RequestOutcome } from './fixed-rate-load';

export interface LatencyFigures {
  requests: number;
  failed: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

export interface LoadSummary extends LatencyFigures {
  /** Requests answered per second over the load's duration. */
  rate: number;
  /** Requests the client sent again because the API asked it to (409 IDEMPOTENCY_KEY_IN_PROGRESS). */
  client_retries: number;
  /** Responses by status, and requests without one by error (`ECONNRESET`, `timeout`, …). */
  status_counts: Record<string, number>;
  by_kind: Record<string, LatencyFigures>;
  /** The first few failures, to read what went wrong. */
  failures: { at_s: number; kind: string; status: number | null; error: string | null; body?: string }[];
}

const SHOWN_FAILURES = 20;

/** Figures of a load: counts, latency percentiles (nearest rank), statuses, per request kind. */
export function summarizeLoad(outcomes: readonly RequestOutcome[], durationS: number): LoadSummary {
  const statusCounts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.status === null ? (outcome.error ?? 'unknown') : String(outcome.status);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
  }
  const kinds = [...new Set(outcomes.map((outcome) => outcome.kind))].sort();
  return {
    ...latencyFigures(outcomes),
    rate: round(outcomes.length / durationS, 1),
    client_retries: outcomes.reduce((sum, outcome) => sum + outcome.clientRetries, 0),
    status_counts: statusCounts,
    by_kind: Object.fromEntries(
      kinds.map((kind) => [kind, latencyFigures(outcomes.filter((outcome) => outcome.kind === kind))]),
    ),
    failures: outcomes
      .filter((outcome) => !outcome.ok)
      .slice(0, SHOWN_FAILURES)
      .map((outcome) => ({
        at_s: round(outcome.dueAtS, 2),
        kind: outcome.kind,
        status: outcome.status,
        error: outcome.error,
        ...(outcome.body === undefined ? {} : { body: outcome.body }),
      })),
  };
}

function latencyFigures(outcomes: readonly RequestOutcome[]): LatencyFigures {
  const latencies = Float64Array.from(outcomes, (outcome) => outcome.latencyMs).sort();
  return {
    requests: outcomes.length,
    failed: outcomes.filter((outcome) => !outcome.ok).length,
    p50_ms: round(percentile(latencies, 50), 1),
    p99_ms: round(percentile(latencies, 99), 1),
    max_ms: round(latencies.length === 0 ? NaN : latencies[latencies.length - 1], 1),
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
