import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NewTest } from './new-test.type';
import { queueSelectorParams } from './queue-selector.util';
import { TEST_COLUMNS } from './test-columns.constant';
import type { TestRow } from './test-row.type';

/** Creation and commands on `tests` (with their `test_queues`). */
@Injectable()
export class TestRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Inserts the test and resolves its queue selector into `test_queues`, in one transaction.
   * Returns `null` when a unique index refused it: same id (a redelivered command), or a live robot test or a
   * successor of the same predecessor already exists (another scheduler got there first).
   */
  async create(test: NewTest): Promise<{ test: TestRow; queueIds: string[] } | null> {
    return this.dataSource.transaction(async (manager) => {
      const endAt = 'at' in test.end ? test.end.at : null;
      const durationMs = 'afterMs' in test.end ? test.end.afterMs : null;
      // ON CONFLICT DO NOTHING covers every unique index (id, one live robot test, one successor): a
      // conflict means the test is already there, and the concurrent inserter's commit is waited for.
      const inserted = await manager.query<TestRow[]>(
        `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at,
                            predecessor_id, created_by, trace_parent)
         SELECT $1, $2, $3, $4, $5, 'scheduled', s.start_at,
                COALESCE($7::timestamptz, s.start_at + $8::double precision * interval '1 millisecond'), $9, $10, $11
         FROM (SELECT COALESCE($6::timestamptz, now()) AS start_at) s
         ON CONFLICT DO NOTHING
         RETURNING ${TEST_COLUMNS}`,
        [
          test.id,
          test.templateId,
          test.templateVersion,
          test.kind,
          test.robot,
          test.startAt,
          endAt,
          durationMs,
          test.predecessorId,
          test.createdBy,
          test.traceParent ?? null,
        ],
      );
      const row = inserted[0];
      if (row === undefined) {
        return null;
      }
      const selector = queueSelectorParams(test.selector);
      // Offline queues get no test jobs; excluded ones do, so their recovery can be seen.
      const queues = await manager.query<{ queueId: string }[]>(
        `INSERT INTO test_queues (test_id, queue_id)
         SELECT $1, q.id FROM queues q
         WHERE q.status <> 'offline'
           AND (q.id = ANY($2::text[])
                OR ($3::boolean AND q.labels @> $4::jsonb AND ($5::text IS NULL OR q.backend = $5)))
         ORDER BY q.id
         RETURNING queue_id AS "queueId"`,
        [row.id, selector.ids, selector.byLabels, JSON.stringify(selector.labels), selector.backend],
      );
      return { test: row, queueIds: queues.map((q) => q.queueId) };
    });
  }

  async findById(id: string): Promise<TestRow | null> {
    const rows = await this.dataSource.query<TestRow[]>(`SELECT ${TEST_COLUMNS} FROM tests WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** scheduled/running → cancelled; `null` when the test is not live (unknown or already final). */
  async cancel(id: string, reason: string): Promise<TestRow | null> {
    const rows = await this.dataSource.query<[TestRow[], number]>(
      `UPDATE tests SET state = 'cancelled', finished_at = now(), reason = $2, updated_at = now()
       WHERE id = $1 AND state IN ('scheduled', 'running')
       RETURNING ${TEST_COLUMNS}`,
      [id, reason],
    );
    return rows[0][0] ?? null;
  }
}
