import type { Request } from 'express';
import { setIdentity } from '../auth/identity-of.util';
import { requestContextOf } from './request-ctx.decorator';

function request(headers: Record<string, string>, identityId = 'token:1'): Request {
  const req = { headers } as Request;
  setIdentity(req, { id: identityId, name: 'ci', role: 'operator', via: 'api-token' } as never);
  return req;
}

describe('requestContextOf', () => {
  it('derives the command request id from the caller and its Idempotency-Key, so a retry sends the same command', () => {
    const first = requestContextOf(request({ 'idempotency-key': 'k1' }));
    const retry = requestContextOf(request({ 'idempotency-key': 'k1' }));
    const other = requestContextOf(request({ 'idempotency-key': 'k1' }, 'token:2'));

    expect(retry.commandRequestId).toBe(first.commandRequestId);
    expect(other.commandRequestId).not.toBe(first.commandRequestId);
  });

  it('makes a fresh command request id for each request without a key', () => {
    expect(requestContextOf(request({})).commandRequestId).not.toBe(requestContextOf(request({})).commandRequestId);
  });
});
