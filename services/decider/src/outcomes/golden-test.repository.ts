import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '@anvil/contracts';

export interface TestTemplate {
  readonly testId: string;
  readonly templateId: string;
  readonly golden: boolean;
}

/** Test → template → golden: only results of golden templates count for exclusion. */
@Injectable()
export class GoldenTestRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The template of each known test (a test pins its template version, so the answer never changes). */
  async templatesOf(testIds: readonly string[]): Promise<TestTemplate[]> {
    const ids = testIds.filter((id) => isUuid(id));
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.dataSource.query<{ id: string; template_id: string; golden: boolean }[]>(
      `SELECT t.id, t.template_id, v.golden FROM tests t
       JOIN template_versions v ON v.template_id = t.template_id AND v.version = t.template_version
       WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ testId: r.id, templateId: r.template_id, golden: r.golden }));
  }
}
