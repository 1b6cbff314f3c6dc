import { QueueConfigException } from '../queue-config.exception';
import { validatePandaQueueConfig } from './validate-panda-queue-config.util';

const VALID = {
  computingSite: 'CERN-PROD_UCORE',
  transformation: 'https://anvil.example.org/trf/anvil-run',
  prodSourceLabel: 'user',
  logDataset: 'user.anvil.hc_logs',
};

describe(validatePandaQueueConfig.name, () => {
  it('returns a valid config with its optional fields', () => {
    expect(validatePandaQueueConfig(VALID, 'queue 7 backendConfig')).toEqual(VALID);
    expect(validatePandaQueueConfig({ computingSite: 'X', transformation: 'http://h/t' })).toEqual({
      computingSite: 'X',
      transformation: 'http://h/t',
    });
  });

  it.each([
    [null, 'q must be an object'],
    [{ ...VALID, cloud: 'CERN' }, 'q.cloud is not a known field'],
    [{ ...VALID, computingSite: '' }, 'q.computingSite must be a name'],
    [{ ...VALID, computingSite: 'CERN PROD' }, 'q.computingSite must be a name'],
    [{ ...VALID, transformation: 'file:///bin/bash' }, 'q.transformation must be an http(s) URL'],
    [{ ...VALID, prodSourceLabel: 3 }, 'q.prodSourceLabel must be a name'],
  ])('rejects %j naming the field', (value, message) => {
    expect(() => validatePandaQueueConfig(value, 'q')).toThrow(QueueConfigException);
    expect(() => validatePandaQueueConfig(value, 'q')).toThrow(message);
  });
});
