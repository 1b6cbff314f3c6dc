import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Policy } from '@anvil/policy';
import { DECIDER_CONFIG } from '../decider.constants';
import type { DeciderConfig } from '../decider.env';
import { ACTIVE_POLICY } from './policy.constants';
import { PolicyRepository } from './policy.repository';

/** Records the running policy in `policies` before anything is decided; refuses to start on a conflicting one. */
@Injectable()
export class PolicyRecorder implements OnModuleInit {
  private readonly logger = new Logger(PolicyRecorder.name);

  constructor(
    private readonly policies: PolicyRepository,
    @Inject(ACTIVE_POLICY) private readonly policy: Policy,
    @Inject(DECIDER_CONFIG) private readonly config: DeciderConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const outcome = await this.policies.record(this.policy, this.config.deciderId);
    this.logger.log(
      {
        policy: this.policy.name,
        version: this.policy.version,
        enforce: this.policy.enforce,
        source: this.config.policySource,
        recorded: outcome === 'recorded',
      },
      this.policy.enforce ? 'policy loaded' : 'policy loaded in dry-run: detections are recorded, no status changes',
    );
  }
}
