import { Logger } from '@nestjs/common';
import { ReadinessService } from '@anvil/telemetry';
import type { ShipperConfig } from '../shipper.env';
import type { IndexAdminRepository } from './index-admin.repository';
import type { IndexTemplateDefinition } from './index-templates.util';
import { ismPolicyBody } from './ism-policy.util';
import { OpenSearchSetupService } from './opensearch-setup.service';
import type { RetentionService } from './retention.service';

const CONFIG = {
  indexPrefix: 'p',
  retentionDays: 5,
  shards: 1,
  replicas: 0,
  refreshInterval: '5s',
  translogDurability: 'request',
  retryInitialMs: 10,
  retryMaxMs: 20,
  opensearchUrl: 'http://127.0.0.1:1',
} as ShipperConfig;

function fakeAdmin(overrides: Partial<Record<keyof IndexAdminRepository, jest.Mock>> = {}) {
  return {
    version: jest.fn().mockResolvedValue('2.19.1'),
    putIndexTemplate: jest.fn().mockResolvedValue(undefined),
    hasIsm: jest.fn().mockResolvedValue(false),
    putIsmPolicy: jest.fn().mockResolvedValue(undefined),
    attachIsmPolicy: jest.fn().mockResolvedValue(undefined),
    ...overrides,
  };
}

function setUp(admin: ReturnType<typeof fakeAdmin>) {
  const retention = { startSweeping: jest.fn() };
  const readiness = new ReadinessService();
  const service = new OpenSearchSetupService(
    admin as unknown as IndexAdminRepository,
    retention as unknown as RetentionService,
    readiness,
    CONFIG,
  );
  return { service, retention, readiness };
}

describe(OpenSearchSetupService.name, () => {
  beforeAll(() => Logger.overrideLogger(false));
  const never = new AbortController().signal;

  describe('onModuleInit', () => {
    it('puts the templates and the ISM policy when the plugin is there, then turns ready', async () => {
      const admin = fakeAdmin({ hasIsm: jest.fn().mockResolvedValue(true) });
      const { service, retention, readiness } = setUp(admin);
      service.onModuleInit();
      expect(readiness.isReady()).toBe(false);
      await service.whenDone(never);
      expect(readiness.isReady()).toBe(true);
      expect(admin.putIndexTemplate.mock.calls.map(([t]: [IndexTemplateDefinition]) => t.name)).toEqual([
        'p-logs',
        'p-access',
        'p-decisions',
      ]);
      expect(admin.putIsmPolicy).toHaveBeenCalledWith('p-retention', ismPolicyBody('p', 5));
      expect(admin.attachIsmPolicy).toHaveBeenCalledWith('p-retention', ['p-logs-*', 'p-access-*', 'p-decisions-*']);
      expect(retention.startSweeping).not.toHaveBeenCalled();
    });

    it('sweeps expired indices itself when the plugin is absent', async () => {
      const admin = fakeAdmin();
      const { service, retention } = setUp(admin);
      service.onModuleInit();
      await service.whenDone(never);
      expect(admin.putIsmPolicy).not.toHaveBeenCalled();
      expect(retention.startSweeping).toHaveBeenCalledWith('OpenSearch has no index-management (ISM) plugin');
    });

    it('sweeps itself when the ISM policy cannot be installed, rather than holding the logs back', async () => {
      const admin = fakeAdmin({
        hasIsm: jest.fn().mockResolvedValue(true),
        putIsmPolicy: jest.fn().mockRejectedValue(new Error('policy refused')),
      });
      const { service, retention } = setUp(admin);
      service.onModuleInit();
      await service.whenDone(never);
      expect(retention.startSweeping).toHaveBeenCalledWith(expect.stringContaining('policy refused'));
    });

    it('retries until OpenSearch answers', async () => {
      const admin = fakeAdmin({
        version: jest
          .fn()
          .mockRejectedValueOnce(new Error('connect ECONNREFUSED'))
          .mockRejectedValueOnce(new Error('connect ECONNREFUSED'))
          .mockResolvedValue('2.19.1'),
      });
      const { service, readiness } = setUp(admin);
      service.onModuleInit();
      await service.whenDone(never);
      expect(admin.version).toHaveBeenCalledTimes(3);
      expect(readiness.isReady()).toBe(true);
    });
  });

  describe('whenDone', () => {
    it('rejects when its signal aborts before the setup is done', async () => {
      const admin = fakeAdmin({ version: jest.fn().mockRejectedValue(new Error('down')) });
      const { service, readiness } = setUp(admin);
      service.onModuleInit();
      const stopping = new AbortController();
      const waiting = service.whenDone(stopping.signal);
      stopping.abort(new Error('stopping'));
      await expect(waiting).rejects.toThrow('stopping');
      expect(readiness.isReady()).toBe(false);
      service.onModuleDestroy();
    });
  });
});
