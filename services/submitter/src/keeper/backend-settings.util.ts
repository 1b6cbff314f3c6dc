import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';
import type { BackendSettings } from '@anvil/backends';
import type { SubmitterConfig } from '../submitter.env';

/** The settings of every backend this submitter can drive, from its configuration. */
export function backendSettings(config: SubmitterConfig, redis: Redis, simKeyPrefix: string): BackendSettings {
  const tokenFile = config.pandaTokenFile;
  return {
    sim: {
      seed: config.simSeed,
      redis,
      keyPrefix: simKeyPrefix,
      scenario: config.simScenario,
      timeScale: config.simTimeScale,
      startHour: config.simStartHour,
    },
    local: { workDir: config.localWorkDir },
    slurm: { workDir: config.slurmWorkDir, commandTimeoutMs: config.slurmCommandTimeoutMs },
    panda:
      config.pandaUrl === undefined || tokenFile === undefined
        ? undefined
        : {
            baseUrl: config.pandaUrl,
            // Read before every request: a token refresher may replace the file at any time.
            token: async () => (await readFile(tokenFile, 'utf8')).trim(),
            vo: config.pandaVo,
          },
    kubernetes: { namespace: config.kubernetesNamespace, kubeConfig: config.kubeconfig },
    missing: { panda: 'set ANVIL_PANDA_URL and ANVIL_PANDA_TOKEN_FILE' },
  };
}
