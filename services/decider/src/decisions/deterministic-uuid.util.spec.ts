import { decisionId, deterministicUuid, outageUuid, overrideDecisionId } from './deterministic-uuid.util';

describe('deterministicUuid', () => {
  it('gives the same version-5 uuid for the same name', () => {
    const id = deterministicUuid('q1.exclude.1700000000000');
    expect(id).toBe(deterministicUuid('q1.exclude.1700000000000'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives different uuids for different names', () => {
    expect(deterministicUuid('a')).not.toBe(deterministicUuid('b'));
  });
});

describe('decisionId', () => {
  it('depends on the policy name and version as well as the key', () => {
    const key = 'q1.exclude.1';
    const base = decisionId({ name: 'p', version: 1 }, key);
    expect(decisionId({ name: 'p', version: 1 }, key)).toBe(base);
    expect(decisionId({ name: 'p', version: 2 }, key)).not.toBe(base);
    expect(decisionId({ name: 'other', version: 1 }, key)).not.toBe(base);
  });
});

describe('overrideDecisionId and outageUuid', () => {
  it('never collide with decision ids of the same text', () => {
    expect(overrideDecisionId('x')).not.toBe(outageUuid('p', 'x'));
    expect(overrideDecisionId('x')).not.toBe(deterministicUuid('x'));
  });
});
