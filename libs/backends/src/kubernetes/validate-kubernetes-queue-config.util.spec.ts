import { QueueConfigException } from '../queue-config.exception';
import { validateKubernetesQueueConfig } from './validate-kubernetes-queue-config.util';

describe(validateKubernetesQueueConfig.name, () => {
  it('returns a valid config, and an empty one for {}', () => {
    const config = {
      namespace: 'anvil-gpu',
      nodeSelector: { 'nvidia.com/gpu.present': 'true', zone: 'b' },
      serviceAccount: 'anvil-runner',
    };

    expect(validateKubernetesQueueConfig(config)).toEqual(config);
    expect(validateKubernetesQueueConfig({})).toEqual({});
  });

  it.each([
    ['[]', [], 'q must be an object'],
    ['an unknown field', { image: 'x' }, 'q.image is not a known field'],
    ['an upper-case namespace', { namespace: 'Anvil' }, 'q.namespace must be a DNS-1123 label'],
    ['a bad label name', { nodeSelector: { 'bad key!': 'x' } }, 'q.nodeSelector.bad key! is not a valid label name'],
    ['a bad label value', { nodeSelector: { zone: 'a b' } }, 'q.nodeSelector.zone must be a label value'],
    ['a bad service account', { serviceAccount: 'Runner' }, 'q.serviceAccount must be a DNS-1123 subdomain'],
  ])('rejects %s naming the field', (_what, value, message) => {
    expect(() => validateKubernetesQueueConfig(value, 'q')).toThrow(QueueConfigException);
    expect(() => validateKubernetesQueueConfig(value, 'q')).toThrow(message);
  });
});
