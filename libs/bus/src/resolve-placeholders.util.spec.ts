import { resolvePlaceholders } from './resolve-placeholders.util';

describe('resolvePlaceholders', () => {
  it('replaces every placeholder when all are known', () => {
    expect(resolvePlaceholders('anvil.test.{kind}.{submitterId}', { kind: 'assigned', submitterId: 'sub1' })).toBe(
      'anvil.test.assigned.sub1',
    );
  });
  it('returns the template unchanged when it has no placeholder', () => {
    expect(resolvePlaceholders('scheduler-commands', {})).toBe('scheduler-commands');
  });
  it('names the placeholder and the known ones when a placeholder is unknown', () => {
    expect(() => resolvePlaceholders('submitter-{submitter}', { submitterId: 'sub1' })).toThrow(
      'unknown placeholder {submitter} in "submitter-{submitter}" (known: submitterId)',
    );
  });
  it('refuses a value that is not a subject token', () => {
    expect(() => resolvePlaceholders('anvil.test.assigned.{id}', { id: 'a.b' })).toThrow('is not a subject token');
  });
});
