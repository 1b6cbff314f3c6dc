import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DecisionAction, DecisionSource } from '@anvil/db';
import type { DecisionDto } from './dto/decision.dto';
import type { DecisionFilter } from './decision-filter';

interface DecisionRow {
  id: string;
  queueId: string;
  siteId: string;
  action: DecisionAction;
  source: DecisionSource;
  policyName: string | null;
  policyVersion: number | null;
  reason: string;
  evidence: Record<string, unknown>;
  enforced: boolean;
  actor: string;
  outageId: string | null;
  decidedAt: Date;
}

const COLUMNS = `
  d.id, d.queue_id AS "queueId", q.site_id AS "siteId", d.action, d.source, d.policy_name AS "policyName",
  d.policy_version AS "policyVersion", d.reason, d.evidence, d.enforced, d.actor, d.outage_id AS "outageId",
  d.decided_at AS "decidedAt"`;

const WHERE = `
   FROM decisions d
   JOIN queues q ON q.id = d.queue_id
  WHERE ($1::text IS NULL OR d.queue_id = $1)
    AND ($2::text IS NULL OR q.site_id = $2)
    AND ($3::text IS NULL OR d.action = $3)
    AND ($4::text IS NULL OR d.source = $4)
    AND ($5::boolean IS NULL OR d.enforced = $5)
    AND ($6::timestamptz IS NULL OR d.decided_at >= $6)
    AND ($7::timestamptz IS NULL OR d.decided_at < $7)`;

@Injectable()
export class DecisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of decisions, latest first, and how many match over all pages. */
  async page(filter: DecisionFilter): Promise<{ items: DecisionDto[]; total: number }> {
    const params = [
      filter.queueId ?? null,
      filter.siteId ?? null,
      filter.action ?? null,
      filter.source ?? null,
      filter.enforced ?? null,
      filter.since ?? null,
      filter.until ?? null,
    ];
    const [rows, counted] = await Promise.all([
      this.dataSource.query<DecisionRow[]>(
        `SELECT ${COLUMNS}
         ${WHERE}
          ORDER BY d.decided_at DESC, d.id DESC
          LIMIT $8 OFFSET $9`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${WHERE}`, params),
    ]);
    return { items: rows.map(toDecisionDto), total: counted[0]?.total ?? 0 };
  }

  async findById(id: string): Promise<DecisionDto | undefined> {
    const rows = await this.dataSource.query<DecisionRow[]>(
      `SELECT ${COLUMNS} FROM decisions d JOIN queues q ON q.id = d.queue_id WHERE d.id = $1`,
      [id],
    );
    return rows.map(toDecisionDto)[0];
  }
}

function toDecisionDto({ policyName, policyVersion, ...row }: DecisionRow): DecisionDto {
  return { ...row, policy: policyName === null ? null : { name: policyName, version: policyVersion } };
}
