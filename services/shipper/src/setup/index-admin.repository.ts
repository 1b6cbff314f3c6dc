import { Inject, Injectable } from '@nestjs/common';
import { errors, type Client } from '@opensearch-project/opensearch';
import type { IndexTemplateDefinition } from './index-templates.util';
import { OPENSEARCH_CLIENT } from './setup.constants';

const ISM_PLUGIN = 'opensearch-index-management';

/** OpenSearch's administrative API as the shipper uses it: templates, the ISM plugin, daily indices. */
@Injectable()
export class IndexAdminRepository {
  constructor(@Inject(OPENSEARCH_CLIENT) private readonly client: Client) {}

  /** The cluster's version number; throws while OpenSearch does not answer. */
  async version(): Promise<string> {
    const response = await this.client.transport.request({ method: 'GET', path: '/' });
    const number = (response.body as { version?: { number?: unknown } }).version?.number;
    return typeof number === 'string' ? number : 'unknown';
  }

  /** Creates or replaces a composable index template (new indices only; existing ones keep their mapping). */
  async putIndexTemplate(template: IndexTemplateDefinition): Promise<void> {
    await this.client.transport.request({
      method: 'PUT',
      path: `/_index_template/${encodeURIComponent(template.name)}`,
      body: template.body,
    });
  }

  /** Whether the index-management (ISM) plugin is installed (`_cat/plugins` lists it for some node). */
  async hasIsm(): Promise<boolean> {
    const response = await this.client.transport.request({
      method: 'GET',
      path: '/_cat/plugins',
      querystring: { format: 'json', h: 'component' },
    });
    return (response.body as { component?: string }[]).some((row) => row.component === ISM_PLUGIN);
  }

  /** Creates the ISM policy `id`, or updates it when it exists (with its sequence number, as ISM requires). */
  async putIsmPolicy(id: string, body: Record<string, unknown>): Promise<void> {
    const path = `/_plugins/_ism/policies/${encodeURIComponent(id)}`;
    const current = await this.client.transport.request({ method: 'GET', path }, { ignore: [404] });
    const existing = current.statusCode === 200 ? (current.body as { _seq_no?: number; _primary_term?: number }) : {};
    const querystring =
      existing._seq_no === undefined
        ? {}
        : { if_seq_no: existing._seq_no, if_primary_term: existing._primary_term ?? 1 };
    await this.client.transport.request({ method: 'PUT', path, body, querystring });
  }

  /** Attaches policy `id` to existing indices matching `patterns` that have none yet (new ones get it by template). */
  async attachIsmPolicy(id: string, patterns: readonly string[]): Promise<void> {
    await this.client.transport.request({
      method: 'POST',
      path: `/_plugins/_ism/add/${patterns.map(encodeURIComponent).join(',')}`,
      body: { policy_id: id },
    });
  }

  /** Names of the indices matching any of `patterns` (open or closed). */
  async listIndices(patterns: readonly string[]): Promise<string[]> {
    const response = await this.client.transport.request({
      method: 'GET',
      path: `/_cat/indices/${patterns.map(encodeURIComponent).join(',')}`,
      querystring: { format: 'json', h: 'index', expand_wildcards: 'all' },
    });
    return (response.body as { index: string }[]).map((row) => row.index);
  }

  /** Deletes one index; an index already gone is not an error. */
  async deleteIndex(name: string): Promise<void> {
    try {
      await this.client.transport.request({ method: 'DELETE', path: `/${encodeURIComponent(name)}` });
    } catch (error) {
      if (!(error instanceof errors.ResponseError && error.statusCode === 404)) {
        throw error;
      }
    }
  }
}
