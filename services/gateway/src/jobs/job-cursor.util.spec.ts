import { decodeJobCursor, encodeJobCursor } from './job-cursor.util';

const CURSOR = { submittedAt: '2030-01-01T12:00:00.123456Z', id: '0b6f6a52-7d4e-4b8a-9c61-2e5f8a7b9d10' };

describe('encodeJobCursor', () => {
  it('gives a URL-safe text that decodes to the same position', () => {
    const text = encodeJobCursor(CURSOR);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeJobCursor(text)).toEqual(CURSOR);
  });
});

describe('decodeJobCursor', () => {
  const encode = (raw: string): string => Buffer.from(raw).toString('base64url');

  it('refuses text that is not base64url', () => {
    expect(decodeJobCursor('not a cursor!')).toBeUndefined();
    expect(decodeJobCursor('')).toBeUndefined();
  });

  it('refuses a well-encoded text that is not a position', () => {
    expect(decodeJobCursor(encode('hello'))).toBeUndefined();
    expect(decodeJobCursor(encode(`2030-01-01T12:00:00Z|${CURSOR.id}`))).toBeUndefined();
    expect(decodeJobCursor(encode(`${CURSOR.submittedAt}|not-a-uuid`))).toBeUndefined();
    expect(decodeJobCursor(encode(`${CURSOR.submittedAt}|${CURSOR.id}|extra`))).toBeUndefined();
  });

  it('refuses an impossible date', () => {
    expect(decodeJobCursor(encode(`2030-02-30T12:00:00.000000Z|${CURSOR.id}`))).toBeUndefined();
    expect(decodeJobCursor(encode(`2030-01-01T24:00:00.000000Z|${CURSOR.id}`))).toBeUndefined();
  });
});
