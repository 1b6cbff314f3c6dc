import { requestFingerprint } from './request-fingerprint.util';

describe('requestFingerprint', () => {
  it('is the same for the same body written in another key order', () => {
    expect(requestFingerprint('POST', '/api/v1/queues', { id: 'q1', name: 'Q' })).toBe(
      requestFingerprint('post', '/api/v1/queues', { name: 'Q', id: 'q1' }),
    );
  });

  it('differs with the method, the path, the query or the body', () => {
    const base = requestFingerprint('POST', '/api/v1/queues', { id: 'q1' });
    expect(requestFingerprint('PUT', '/api/v1/queues', { id: 'q1' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/sites', { id: 'q1' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/queues?x=1', { id: 'q1' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/queues', { id: 'q2' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/queues', undefined)).not.toBe(base);
  });

  it('is 64 hex digits', () => {
    expect(requestFingerprint('POST', '/', {})).toMatch(/^[0-9a-f]{64}$/);
  });
});
