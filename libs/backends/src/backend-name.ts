/** Every submission backend Anvil knows (the `queues.backend` column allows exactly these). */
export const BACKEND_NAMES = ['sim', 'local', 'slurm', 'panda', 'kubernetes'] as const;

export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}
