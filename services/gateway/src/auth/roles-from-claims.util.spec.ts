import { roleFromClaims } from './roles-from-claims.util';

describe('roleFromClaims', () => {
  it('takes the highest role of an array claim', () => {
    expect(roleFromClaims({ roles: ['viewer', 'admin', 'operator'] }, 'roles')).toBe('admin');
  });
  it('maps the anvil- prefixed values and ignores case and unknown values', () => {
    expect(roleFromClaims({ roles: ['offline_access', 'Anvil-Operator', 'anvil-viewer'] }, 'roles')).toBe('operator');
  });
  it('follows a dotted path (Keycloak realm roles)', () => {
    expect(roleFromClaims({ realm_access: { roles: ['anvil-viewer'] } }, 'realm_access.roles')).toBe('viewer');
  });
  it('reads a claim whose name holds dots as one name first', () => {
    expect(roleFromClaims({ 'https://anvil.example/roles': ['admin'] }, 'https://anvil.example/roles')).toBe('admin');
  });
  it('splits a string claim on spaces and commas', () => {
    expect(roleFromClaims({ groups: 'users anvil-operator,other' }, 'groups')).toBe('operator');
  });
  it.each([
    ['the claim is missing', {}, 'roles'],
    ['no value is an Anvil role', { roles: ['user', 'anvil-root'] }, 'roles'],
    ['the claim is neither a string nor an array', { roles: { admin: true } }, 'roles'],
    ['a path step is not an object', { realm_access: ['admin'] }, 'realm_access.roles'],
  ])('gives null when %s', (_case, claims: Record<string, unknown>, path) => {
    expect(roleFromClaims(claims, path)).toBeNull();
  });
});
