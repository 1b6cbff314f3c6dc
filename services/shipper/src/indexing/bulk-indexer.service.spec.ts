import { Logger } from '@nestjs/common';
import { errors } from '@opensearch-project/opensearch';
import { Registry } from 'prom-client';
import type { ShipperConfig } from '../shipper.env';
import type { OpenSearchSetupService } from '../setup/opensearch-setup.service';
import { BulkIndexer } from './bulk-indexer.service';
import { BulkItems } from './bulk-items';
import type { BulkResult } from './bulk-result.type';
import { IndexingMetrics } from './indexing-metrics';
import type { OpenSearchBulkRepository } from './opensearch-bulk.repository';

const CONFIG = { bulkConcurrency: 2, bulkMaxBytes: 1024 ** 2, retryInitialMs: 1, retryMaxMs: 4 } as ShipperConfig;

/** A repository answering from a script (the last answer repeats); records the ids and documents it got. */
class ScriptedRepository {
  readonly requests: { id: string; doc: string }[][] = [];

  constructor(private readonly answers: ((count: number) => BulkResult | Error)[]) {}

  bulk(body: string): Promise<BulkResult> {
    const lines = body.split('\n').slice(0, -1);
    const sent: { id: string; doc: string }[] = [];
    for (let i = 0; i < lines.length; i += 2) {
      sent.push({
        id: (JSON.parse(lines[i]) as { create: { _id: string } }).create._id,
        doc: lines[i + 1],
      });
    }
    this.requests.push(sent);
    const script = (this.answers.length > 1 ? this.answers.shift() : this.answers[0]) as (
      count: number,
    ) => BulkResult | Error;
    const answer = script(sent.length);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

const allCreated = (): BulkResult => ({ errors: false, items: [] });
const refused = new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200');

function items(count: number): BulkItems {
  const result = new BulkItems('logs');
  for (let i = 0; i < count; i++) {
    const line = `{"@timestamp":"2026-03-15T10:00:00.000Z","message":"line ${i}"}`;
    result.add('p-logs-2026.03.15', `b.${i}`, line, line, 'gateway', 0);
  }
  return result;
}

function indexer(repository: ScriptedRepository, config = CONFIG): { indexer: BulkIndexer; registry: Registry } {
  const registry = new Registry();
  const setup = { whenDone: () => Promise.resolve() } as unknown as OpenSearchSetupService;
  return {
    indexer: new BulkIndexer(
      repository as unknown as OpenSearchBulkRepository,
      setup,
      new IndexingMetrics(registry),
      config,
    ),
    registry,
  };
}

async function counter(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}

describe(BulkIndexer.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  describe('indexAll', () => {
    it('sends the same documents again while OpenSearch is unreachable, and resolves once it took them', async () => {
      const repository = new ScriptedRepository([() => refused, () => refused, allCreated]);
      const { indexer: subject, registry } = indexer(repository);
      await subject.indexAll(items(3));
      expect(repository.requests.map((request) => request.map((sent) => sent.id))).toEqual([
        ['b.0', 'b.1', 'b.2'],
        ['b.0', 'b.1', 'b.2'],
        ['b.0', 'b.1', 'b.2'],
      ]);
      expect(await counter(registry, 'anvil_shipper_documents_indexed_total', { family: 'logs' })).toBe(3);
      expect(await counter(registry, 'anvil_shipper_documents_retried_total', { family: 'logs' })).toBe(6);
    });

    it('counts existing documents as done, retries busy ones and sends refused ones raw, under the same id', async () => {
      const repository = new ScriptedRepository([
        () => ({
          errors: true,
          items: [
            { status: 201 },
            { status: 409, type: 'version_conflict_engine_exception' },
            { status: 429, type: 'es_rejected_execution_exception' },
            { status: 400, type: 'mapper_parsing_exception', reason: 'failed to parse field [x]' },
          ],
        }),
        () => ({ errors: true, items: [{ status: 201 }, { status: 201 }] }),
      ]);
      const { indexer: subject, registry } = indexer(repository);
      await subject.indexAll(items(4));
      const second = repository.requests[1] ?? [];
      expect(second.map((sent) => sent.id)).toEqual(['b.2', 'b.3']);
      expect(JSON.parse(second[0]?.doc)).toEqual({
        '@timestamp': '2026-03-15T10:00:00.000Z',
        message: 'line 2',
      });
      expect(JSON.parse(second[1]?.doc)).toMatchObject({
        'anvil.parse_error': true,
        'event.original': '{"@timestamp":"2026-03-15T10:00:00.000Z","message":"line 3"}',
        'error.message': 'refused by OpenSearch: mapper_parsing_exception: failed to parse field [x]',
      });
      expect(await counter(registry, 'anvil_shipper_documents_indexed_total', { family: 'logs' })).toBe(3);
      expect(await counter(registry, 'anvil_shipper_documents_already_indexed_total', { family: 'logs' })).toBe(1);
      expect(await counter(registry, 'anvil_shipper_raw_documents_total', { family: 'logs', reason: 'refused' })).toBe(
        1,
      );
    });

    it('throws a request OpenSearch refuses as a whole, which sending again cannot fix', async () => {
      const tooLarge = new errors.ResponseError({
        body: { error: { type: 'content_too_long' } },
        statusCode: 413,
        headers: {},
        warnings: null,
        meta: {} as never,
      });
      const { indexer: subject } = indexer(new ScriptedRepository([() => tooLarge]));
      await expect(subject.indexAll(items(1))).rejects.toBe(tooLarge);
    });

    it('stops retrying as soon as the shipper stops, throwing so that the messages come back', async () => {
      const repository = new ScriptedRepository([() => refused]);
      const { indexer: subject } = indexer(repository, { ...CONFIG, retryInitialMs: 60_000, retryMaxMs: 60_000 });
      const indexing = subject.indexAll(items(2));
      await new Promise((resolve) => setImmediate(resolve));
      expect(repository.requests).toHaveLength(1);
      const started = Date.now();
      subject.onModuleDestroy();
      await expect(indexing).rejects.toThrow('the shipper is stopping');
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
