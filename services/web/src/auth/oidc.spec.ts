import { describe, expect, it } from '@jest/globals';
import { safeNext } from './oidc';

describe('safeNext', () => {
  it('keeps a path inside the app, with its query', () => {
    expect(safeNext('/tests/5b0c?queue=q1')).toBe('/tests/5b0c?queue=q1');
    expect(safeNext('/')).toBe('/');
  });

  it('sends anything that could leave the app, or loop back to sign-in, home', () => {
    for (const next of [
      null,
      undefined,
      '',
      'https://evil.example/',
      'tests',
      '//evil.example/',
      '/\\evil.example/',
      '/\\/evil.example/',
      '/tests\\..\\x',
      '/\tevil',
      '/\nevil',
      '/\t/evil.example/',
      '/sign-in?next=/',
      '/sign-in/callback?code=x',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});
