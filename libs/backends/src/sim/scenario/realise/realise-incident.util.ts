import type { ErrorMix, HourWindow, QueueIncident } from '../scenario.types';
import type { BrokenInterval } from './ground-truth.types';
import { MS_PER } from './ms-per.constant';
import type { ScenarioPrng } from './scenario-prng.util';
import type { FailureSegment } from './realised-scenario.types';

export interface IncidentContext {
  readonly start: number;
  readonly end: number;
  /** The queue's failure rate outside incidents (a degradation ramps up from it). */
  readonly baselineFailureRate: number;
  /** Draws the flapping phases. */
  readonly prng: ScenarioPrng;
}

export interface RealisedIncident {
  readonly segments: FailureSegment[];
  readonly intervals: BrokenInterval[];
}

/** Turns one queue incident into failure segments and the broken intervals they mean. */
export function realiseIncident(incident: QueueIncident, context: IncidentContext): RealisedIncident {
  const { from, until } = windowTimes(incident.window, context);
  const broken = (brokenFrom: number, brokenUntil: number): BrokenInterval => ({
    from: brokenFrom,
    until: brokenUntil,
    repaired: brokenUntil < context.end,
    cause: incident.kind,
    evidenceUntil: brokenUntil,
  });
  const constant = (segmentFrom: number, segmentUntil: number, rate: number, errorMix: ErrorMix): FailureSegment => ({
    from: segmentFrom,
    until: segmentUntil,
    failureFrom: rate,
    failureTo: rate,
    errorMix,
    hitsRunningJobs: false,
  });
  switch (incident.kind) {
    case 'black-hole':
      return {
        segments: [{ ...constant(from, until, 1, incident.errorMix), failureMinutes: incident.failureMinutes }],
        intervals: [broken(from, until)],
      };
    case 'outage':
      return {
        segments: [
          {
            ...constant(from, until, incident.failureRate, incident.errorMix),
            hitsRunningJobs: incident.hitsRunningJobs,
          },
        ],
        intervals: [broken(from, until)],
      };
    case 'degradation': {
      const base = context.baselineFailureRate;
      const rampMs = incident.rampHours * MS_PER.hour;
      const rateAt = (time: number): number =>
        base + (incident.maxFailureRate - base) * Math.min(1, Math.max(0, (time - from) / rampMs));
      const rampUntil = Math.min(from + rampMs, until);
      const segments = [
        { ...constant(from, rampUntil, 0, incident.errorMix), failureFrom: base, failureTo: rateAt(rampUntil) },
      ];
      if (rampUntil < until) {
        segments.push(constant(rampUntil, until, incident.maxFailureRate, incident.errorMix));
      }
      const share = (incident.brokenAbove - base) / (incident.maxFailureRate - base);
      const brokenFrom = from + Math.max(0, share) * rampMs;
      const intervals = share <= 1 && brokenFrom < until ? [broken(Math.round(brokenFrom), until)] : [];
      return { segments, intervals };
    }
    case 'flapping': {
      const segments: FailureSegment[] = [];
      const intervals: BrokenInterval[] = [];
      let time = from;
      while (time < until) {
        const phaseUntil = Math.min(
          until,
          Math.round(time + context.prng.between(...incident.brokenHours) * MS_PER.hour),
        );
        segments.push(constant(time, phaseUntil, incident.failureRate, incident.errorMix));
        intervals.push(broken(time, phaseUntil));
        time = Math.round(phaseUntil + context.prng.between(...incident.healthyHours) * MS_PER.hour);
      }
      return { segments, intervals };
    }
  }
}

function windowTimes(window: HourWindow, context: IncidentContext): { from: number; until: number } {
  const from = context.start + window.fromHour * MS_PER.hour;
  const until = window.untilHour === undefined ? context.end : context.start + window.untilHour * MS_PER.hour;
  return { from, until: Math.min(until, context.end) };
}
