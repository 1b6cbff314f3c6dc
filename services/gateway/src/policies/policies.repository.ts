import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Policy } from '@anvil/policy';
import { AuditRepository } from '../audit/audit.repository';
import type { AuditEntry } from '../overrides/audit-entry';
import type { PolicyDetailDto } from './dto/policy-detail.dto';
import type { PolicyDto } from './dto/policy.dto';

const COLUMNS = `
  p.name, p.version, p.document->>'description' AS description, p.enforce, p.active, p.activated_at AS "activatedAt",
  p.activated_by AS "activatedBy", p.created_by AS "createdBy", p.created_at AS "createdAt"`;

const WHERE_FILTERED = `
  WHERE ($1::text IS NULL OR p.name = $1) AND ($2::boolean IS NULL OR p.active = $2)`;

// Activations take this transaction-level lock, so two at once cannot both leave their version active.
const ACTIVATION_LOCK = `SELECT pg_advisory_xact_lock(hashtext('anvil:policy-activation'))`;

/**
 * `policies`: every version recorded, by an operator through the API or by a decider that ran it (its
 * `PolicyRepository.record` stores `JSON.stringify(policy)` the same way, so the documents compare equal).
 */
@Injectable()
export class PoliciesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async page(filter: { name?: string; active?: boolean; limit: number; offset: number }): Promise<{
    items: PolicyDto[];
    total: number;
  }> {
    const params = [filter.name ?? null, filter.active ?? null];
    const [items, counted] = await Promise.all([
      this.dataSource.query<PolicyDto[]>(
        `SELECT ${COLUMNS} FROM policies p ${WHERE_FILTERED} ORDER BY p.name, p.version DESC LIMIT $3 OFFSET $4`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM policies p ${WHERE_FILTERED}`,
        params,
      ),
    ]);
    return { items, total: counted[0]?.total ?? 0 };
  }

  /** One version, or the newest of the name when `version` is not given. */
  async find(name: string, version?: number): Promise<PolicyDetailDto | undefined> {
    const rows = await this.dataSource.query<PolicyDetailDto[]>(
      `SELECT ${COLUMNS}, p.document FROM policies p
        WHERE p.name = $1 AND ($2::integer IS NULL OR p.version = $2)
        ORDER BY p.version DESC
        LIMIT 1`,
      [name, version ?? null],
    );
    return rows[0];
  }

  /**
   * Records a new version of `name` with its audit row, in one transaction that holds the name's lock: `build`
   * gets the newest version recorded (0 for none) and returns the policy to store, or throws to refuse.
   */
  async create(name: string, build: (latestVersion: number) => Policy, audit: AuditEntry): Promise<Policy> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('anvil:policy:' || $1))`, [name]);
      const [{ latest }] = await manager.query<{ latest: number }[]>(
        `SELECT coalesce(max(version), 0)::int AS latest FROM policies WHERE name = $1`,
        [name],
      );
      const policy = build(latest);
      await manager.query(
        `INSERT INTO policies (name, version, document, enforce, created_by) VALUES ($1, $2, $3::jsonb, $4, $5)`,
        [policy.name, policy.version, JSON.stringify(policy), policy.enforce, audit.actor],
      );
      await this.audit.insert({ ...audit, details: { ...audit.details, version: policy.version } }, manager);
      return policy;
    });
  }

  /**
   * Makes the version the only active one and writes the audit row, in one transaction. `missing` when there is no
   * such version, `unchanged` when it was active already (nothing is written), else the version it replaced.
   */
  async activate(
    name: string,
    version: number,
    audit: AuditEntry,
  ): Promise<'missing' | 'unchanged' | { previous: { name: string; version: number } | null }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(ACTIVATION_LOCK);
      const [target] = await manager.query<{ active: boolean }[]>(
        `SELECT active FROM policies WHERE name = $1 AND version = $2`,
        [name, version],
      );
      if (target === undefined) {
        return 'missing';
      }
      if (target.active) {
        return 'unchanged';
      }
      // TypeORM answers an UPDATE with [rows, count].
      const [deactivated] = await manager.query<[{ name: string; version: number }[], number]>(
        `UPDATE policies SET active = false WHERE active RETURNING name, version`,
      );
      await manager.query(
        `UPDATE policies SET active = true, activated_at = now(), activated_by = $3 WHERE name = $1 AND version = $2`,
        [name, version, audit.actor],
      );
      const replaced = deactivated[0] ?? null;
      await this.audit.insert({ ...audit, details: { ...audit.details, previous: replaced } }, manager);
      return { previous: replaced };
    });
  }
}
