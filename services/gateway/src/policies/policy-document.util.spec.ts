import { presetPolicy } from '@anvil/policy';
import { ApiException } from '../errors/api.exception';
import { policyFromDocument } from './policy-document.util';

function problemsOf(document: Record<string, unknown>): { field: string; problem: string }[] {
  try {
    policyFromDocument(document);
  } catch (error) {
    if (error instanceof ApiException) {
      return [...error.details];
    }
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('policyFromDocument', () => {
  it('gives back a preset serialised as JSON, equal to the preset', () => {
    const preset = presetPolicy('hammercloud-classic');
    expect(policyFromDocument(JSON.parse(JSON.stringify(preset)) as Record<string, unknown>)).toEqual(preset);
  });

  it('names every broken field under document', () => {
    const document = JSON.parse(JSON.stringify(presetPolicy('anvil-default'))) as Record<string, unknown>;
    const problems = problemsOf({ ...document, version: 0, enforce: 'yes', colour: 'red' });
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['document.version', 'document.enforce', 'document.colour']),
    );
    expect(problems.find((p) => p.field === 'document.version')?.problem).toBe('must be an integer ≥ 1');
  });

  it('names a nested rule by its path', () => {
    const document = JSON.parse(JSON.stringify(presetPolicy('hammercloud-classic'))) as Record<string, unknown>;
    const problems = problemsOf({ ...document, exclude: { any: [{ consecutiveFailures: { count: 0 } }] } });
    expect(problems[0].field).toMatch(/^document\.exclude\.any\[0\]\.consecutiveFailures\.count$/);
  });
});
