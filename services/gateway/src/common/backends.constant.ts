import type { BackendName } from '@anvil/db';

export const BACKENDS = ['sim', 'local', 'slurm', 'panda', 'kubernetes'] as const satisfies readonly BackendName[];
