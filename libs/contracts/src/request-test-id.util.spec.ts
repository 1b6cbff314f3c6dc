import { commandRequestId, requestTestId } from './request-test-id.util';

describe('requestTestId', () => {
  it('returns the same id when the same request id comes again', () => {
    expect(requestTestId('req-1')).toBe(requestTestId('req-1'));
  });

  it('returns different ids when request ids differ', () => {
    expect(requestTestId('req-1')).not.toBe(requestTestId('req-2'));
  });

  it('returns a version-5 RFC 4122 UUID when given any request id', () => {
    expect(requestTestId('anything')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps the ids tests were created under, so a command in flight during an upgrade finds its test', () => {
    expect(requestTestId('req-1')).toBe('15d75bd9-dc72-5be1-b61d-bdf9680fe08d');
    expect(requestTestId('3f0c1a52-7d4e-4b8a-9c61-2e5f8a7b9d10')).toBe('ce93eb92-8fc4-5f47-be4b-a0bbb94b3291');
  });
});

describe('commandRequestId', () => {
  it('gives the same id for the same caller and key, another for another caller or key', () => {
    expect(commandRequestId('token:1', 'key-a')).toBe(commandRequestId('token:1', 'key-a'));
    expect(commandRequestId('token:1', 'key-a')).not.toBe(commandRequestId('token:2', 'key-a'));
    expect(commandRequestId('token:1', 'key-a')).not.toBe(commandRequestId('token:1', 'key-b'));
  });

  it('cannot be made to collide by moving characters between caller and key', () => {
    expect(commandRequestId('a', 'bc')).not.toBe(commandRequestId('ab', 'c'));
  });

  it('is a version-5 UUID, so it passes as a command request id', () => {
    expect(commandRequestId('oidc:alice', 'k')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
