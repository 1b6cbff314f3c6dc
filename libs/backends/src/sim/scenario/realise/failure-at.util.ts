import type { ErrorMix, Range } from '../scenario.types';
import type { FailureSegment, RealisedQueue } from './realised-scenario.types';

export interface FailureState {
  readonly probability: number;
  readonly errorMix: ErrorMix;
  readonly failureMinutes?: Range;
}

/**
 * The failure probability of a queue's job at `time`: for a job starting (`start`) the worst active
 * segment or else the queue's baseline; for a job ending (`running`) only segments that hit running
 * jobs count, and outside them there is nothing extra to draw (`undefined`).
 */
export function failureAt(queue: RealisedQueue, time: number, moment: 'start' | 'running'): FailureState | undefined {
  let worst: { segment: FailureSegment; probability: number } | undefined;
  for (const segment of queue.segments) {
    if (time < segment.from || time >= segment.until || (moment === 'running' && !segment.hitsRunningJobs)) {
      continue;
    }
    const share = segment.until > segment.from ? (time - segment.from) / (segment.until - segment.from) : 0;
    const probability = segment.failureFrom + (segment.failureTo - segment.failureFrom) * share;
    if (worst === undefined || probability > worst.probability) {
      worst = { segment, probability };
    }
  }
  if (worst !== undefined) {
    return {
      probability: worst.probability,
      errorMix: worst.segment.errorMix,
      failureMinutes: worst.segment.failureMinutes,
    };
  }
  return moment === 'start' ? { probability: queue.failureRate, errorMix: queue.errorMix } : undefined;
}
