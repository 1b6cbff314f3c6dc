import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { errorMessage } from '@anvil/bus';
import { ReadinessService } from '@anvil/telemetry';
import { SHIPPER_CONFIG } from '../shipper.constants';
import type { ShipperConfig } from '../shipper.env';
import { abortableSleep } from './abortable-sleep.util';
import { familyPattern } from './daily-index.util';
import { IndexAdminRepository } from './index-admin.repository';
import { INDEX_FAMILIES } from './index-family';
import { indexTemplates } from './index-templates.util';
import { ismPolicyBody, ismPolicyId } from './ism-policy.util';
import { RetentionService } from './retention.service';
import { retryDelay } from './retry-delay.util';

/**
 * What the shipper needs in OpenSearch before it indexes anything: the index templates of its three families and
 * retention (the ISM policy, or its own hourly sweep when the plugin is absent). Runs in the background from start,
 * retrying until OpenSearch answers, so the health endpoints answer meanwhile; `/readyz` is 503 until it is done and
 * the consumers wait for it (`whenDone`) before they send anything.
 */
@Injectable()
export class OpenSearchSetupService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OpenSearchSetupService.name);
  private readonly stopping = new AbortController();
  private readonly done: Promise<void>;
  private markDone!: () => void;
  private finished = false;

  constructor(
    private readonly admin: IndexAdminRepository,
    private readonly retention: RetentionService,
    private readonly readiness: ReadinessService,
    @Inject(SHIPPER_CONFIG) private readonly config: ShipperConfig,
  ) {
    this.done = new Promise((resolve) => (this.markDone = resolve));
  }

  onModuleInit(): void {
    const release = this.readiness.hold('opensearch setup');
    this.runUntilDone().then(
      () => {
        this.finished = true;
        release();
        this.markDone();
      },
      (error: unknown) => {
        if (!this.stopping.signal.aborted) {
          this.logger.error({ err: errorMessage(error) }, 'OpenSearch setup stopped');
        }
      },
    );
  }

  onModuleDestroy(): void {
    this.stopping.abort(new Error('the shipper is stopping'));
  }

  get isDone(): boolean {
    return this.finished;
  }

  /** Resolves once the setup is done; rejects as soon as `signal` aborts before that. */
  whenDone(signal: AbortSignal): Promise<void> {
    if (this.finished) {
      return Promise.resolve();
    }
    if (signal.aborted) {
      return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void =>
        reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      signal.addEventListener('abort', onAbort, { once: true });
      void this.done.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  private async runUntilDone(): Promise<void> {
    for (let failures = 1; ; failures++) {
      try {
        await this.setUp();
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) {
          throw error;
        }
        const delayMs = retryDelay(failures, this.config.retryInitialMs, this.config.retryMaxMs);
        this.logger.warn(
          { err: errorMessage(error), attempt: failures, retryInMs: delayMs, url: this.config.opensearchUrl },
          'OpenSearch setup failed; retrying (nothing is indexed until it is done)',
        );
        await abortableSleep(delayMs, this.stopping.signal);
      }
    }
  }

  private async setUp(): Promise<void> {
    const version = await this.admin.version();
    const prefix = this.config.indexPrefix;
    const templates = indexTemplates(prefix, this.config);
    for (const template of templates) {
      await this.admin.putIndexTemplate(template);
    }
    const retention = await this.setUpRetention();
    this.logger.log(
      {
        version,
        templates: templates.map((template) => template.name),
        retention,
        retentionDays: this.config.retentionDays,
      },
      'OpenSearch setup done',
    );
  }

  /**
   * The ISM policy when the plugin is there, else (or when the policy cannot be installed) the shipper's own sweep:
   * retention must not keep logs from being shipped. Returns which one.
   */
  private async setUpRetention(): Promise<string> {
    if (!(await this.admin.hasIsm())) {
      this.retention.startSweeping('OpenSearch has no index-management (ISM) plugin');
      return 'swept by the shipper';
    }
    const id = ismPolicyId(this.config.indexPrefix);
    try {
      await this.admin.putIsmPolicy(id, ismPolicyBody(this.config.indexPrefix, this.config.retentionDays));
    } catch (error) {
      this.retention.startSweeping(`the ISM policy ${id} could not be installed (${errorMessage(error)})`);
      return 'swept by the shipper';
    }
    try {
      // Indices made before the policy existed do not get it from its ISM template.
      await this.admin.attachIsmPolicy(
        id,
        INDEX_FAMILIES.map((family) => familyPattern(this.config.indexPrefix, family)),
      );
    } catch (error) {
      this.logger.warn({ err: errorMessage(error), policy: id }, 'could not attach the ISM policy to existing indices');
    }
    return `ISM policy ${id}`;
  }
}
