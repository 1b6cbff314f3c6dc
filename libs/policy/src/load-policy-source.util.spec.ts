import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicySource } from './load-policy-source.util';
import { PolicyValidationError } from './policy/policy-validation.exception';
import { policyDocument } from './testing/job-outcome.fixture';

describe(loadPolicySource.name, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'anvil-policy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads a preset by name', () => {
    expect(loadPolicySource('anvil-default').name).toBe('anvil-default');
  });

  it('loads JSON, YAML and YML files', () => {
    expect(loadPolicySource(file('p.json', JSON.stringify(policyDocument()))).name).toBe('test-policy');
    expect(
      loadPolicySource(
        file(
          'p.yaml',
          'name: y\nversion: 2\nenforce: false\ncountErrorClasses: [site]\nevidence: { maxAge: 1h }\nexclude: { consecutiveFailures: { count: 2 } }\nrecover: { consecutiveSuccesses: { count: 2 } }\n',
        ),
      ),
    ).toMatchObject({ name: 'y', version: 2, enforce: false });
    expect(loadPolicySource(file('p.yml', JSON.stringify(policyDocument({ name: 'yml' })))).name).toBe('yml');
  });

  it('rejects an invalid document with the field named', () => {
    const path = file('bad.json', JSON.stringify(policyDocument({ version: 'one' })));
    expect(() => loadPolicySource(path)).toThrow(PolicyValidationError);
    expect(() => loadPolicySource(path)).toThrow('version must be an integer ≥ 1');
  });

  it('says what it expected when the name is neither a preset nor a policy file', () => {
    expect(() => loadPolicySource('classic')).toThrow(
      'policy "classic" is neither a preset (hammercloud-classic, anvil-default) nor a .json/.yaml/.yml file',
    );
    expect(() => loadPolicySource(join(dir, 'missing.yaml'))).toThrow(/^cannot read policy file .*missing\.yaml/);
  });
});
