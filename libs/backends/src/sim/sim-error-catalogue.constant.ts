import type { ErrorClassName } from '../backend-job-status';

/** Default failure messages and exit codes of simulated jobs, per error class (in the style of ATLAS pilot errors). */
export const SIM_ERROR_CATALOGUE: Readonly<
  Record<ErrorClassName, { readonly messages: readonly string[]; readonly exitCodes: readonly number[] }>
> = {
  site: {
    messages: [
      'stage-in failed: SRM request timed out',
      'worker node out of local disk space',
      'CVMFS repository atlas.cern.ch is not available',
      'pilot lost heartbeat: worker node rebooted',
      'batch system killed the job: memory limit exceeded',
    ],
    exitCodes: [1099, 1137, 1305, 1151, 1212],
  },
  central: {
    messages: [
      'PanDA server unreachable: connection refused',
      'Rucio replica lookup failed: HTTP 503',
      'conditions database frontier server timed out',
    ],
    exitCodes: [1008, 1103, 1361],
  },
  workload: {
    messages: [
      'payload segmentation violation',
      'input file is corrupted: checksum mismatch',
      'payload exited with a non-zero status',
    ],
    exitCodes: [65, 66, 1],
  },
  unknown: {
    messages: ['job failed without a reason'],
    exitCodes: [255],
  },
};

/** Exit code and message of a job killed at its time limit (a workload error: the template asked too little). */
export const SIM_TIME_LIMIT_EXIT_CODE = 152;
