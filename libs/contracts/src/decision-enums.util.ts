import { OverrideMode } from './gen/anvil/v1/decision_pb';
import { ErrorClass } from './gen/anvil/v1/job_pb';

/** Lower-case names of error classes, as in `jobs.error_class`, policies and traces. */
export type ErrorClassName = 'site' | 'central' | 'workload' | 'unknown';

/** The name of a protobuf `ErrorClass`; null when the producer did not classify the error. */
export function errorClassName(errorClass: ErrorClass): ErrorClassName | null {
  switch (errorClass) {
    case ErrorClass.SITE:
      return 'site';
    case ErrorClass.CENTRAL:
      return 'central';
    case ErrorClass.WORKLOAD:
      return 'workload';
    case ErrorClass.UNKNOWN:
      return 'unknown';
    case ErrorClass.UNSPECIFIED:
      return null;
  }
}

/** Lower-case names of override modes, as in the REST API and the policy engine. */
export type OverrideModeName = 'exclude' | 'online' | 'clear';

/** The name of a protobuf `OverrideMode`; null when it is unspecified. */
export function overrideModeName(mode: OverrideMode): OverrideModeName | null {
  switch (mode) {
    case OverrideMode.EXCLUDE:
      return 'exclude';
    case OverrideMode.ONLINE:
      return 'online';
    case OverrideMode.CLEAR:
      return 'clear';
    case OverrideMode.UNSPECIFIED:
      return null;
  }
}

export function overrideModeFromName(name: OverrideModeName): OverrideMode {
  switch (name) {
    case 'exclude':
      return OverrideMode.EXCLUDE;
    case 'online':
      return OverrideMode.ONLINE;
    case 'clear':
      return OverrideMode.CLEAR;
  }
}
