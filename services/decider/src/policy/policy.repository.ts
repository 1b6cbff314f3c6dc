import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Policy } from '@anvil/policy';

/** `policies`: every policy version a decider ran, with its document. */
@Injectable()
export class PolicyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Records the policy, or checks it is the one recorded under its name and version. A different document
   * under the same name and version would make recorded decisions ambiguous: that refuses to start.
   */
  async record(policy: Policy, createdBy: string): Promise<'recorded' | 'known'> {
    const document = JSON.stringify(policy);
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO policies (name, version, document, enforce, created_by) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (name, version) DO NOTHING RETURNING name`,
      [policy.name, policy.version, document, policy.enforce, createdBy],
    );
    if (inserted.length > 0) {
      return 'recorded';
    }
    const [stored] = await this.dataSource.query<{ same: boolean }[]>(
      `SELECT document = $3::jsonb AS same FROM policies WHERE name = $1 AND version = $2`,
      [policy.name, policy.version, document],
    );
    if (stored?.same !== true) {
      throw new Error(
        `policy ${policy.name} version ${policy.version} is already recorded with a different document: ` +
          `give the changed policy a new version`,
      );
    }
    return 'known';
  }
}
