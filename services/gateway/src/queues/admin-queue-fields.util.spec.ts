import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { checkAdminQueueFields } from './admin-queue-fields.util';
import type { UpdateQueueDto } from './dto/update-queue.dto';

const operator = { name: 'ops', role: 'operator' } as const;
const admin = { name: 'root', role: 'admin' } as const;

function refusal(change: UpdateQueueDto, identity: { name: string; role: 'viewer' | 'operator' | 'admin' }) {
  try {
    checkAdminQueueFields(change, identity);
    return undefined;
  } catch (error) {
    return error instanceof ApiException ? error : String(error);
  }
}

describe('checkAdminQueueFields', () => {
  it('lets an operator change the name, labels and auto-exclusion', () => {
    expect(refusal({ name: 'n', labels: { a: 'b' }, autoExclusion: false }, operator)).toBeUndefined();
  });

  it('refuses an operator a change of the site, backend, its configuration or protected, naming each field', () => {
    const refused = refusal(
      { name: 'n', siteId: 'BNL', backend: 'slurm', backendConfig: {}, protected: false },
      operator,
    ) as ApiException;
    expect(refused.code).toBe(ApiErrorCode.Forbidden);
    expect(refused.message).toBe(
      'changing siteId, backend, backendConfig, protected needs the admin role; ops has operator',
    );
    expect(refused.details.map((detail) => detail.field)).toEqual(['siteId', 'backend', 'backendConfig', 'protected']);
    expect((refusal({ protected: false }, operator) as ApiException).details).toEqual([
      { field: 'protected', problem: 'changes only with the admin role (operator given)' },
    ]);
  });

  it('lets an admin change anything', () => {
    expect(refusal({ siteId: 'BNL', backend: 'slurm', backendConfig: {}, protected: true }, admin)).toBeUndefined();
  });
});
