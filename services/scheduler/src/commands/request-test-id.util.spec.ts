import { requestTestId } from './request-test-id.util';

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
});
