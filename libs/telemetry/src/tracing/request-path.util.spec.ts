import { requestPath } from './request-path.util';

describe(requestPath.name, () => {
  it('drops the query', () => {
    expect(requestPath('/metrics?name[]=x')).toBe('/metrics');
    expect(requestPath('/readyz')).toBe('/readyz');
    expect(requestPath(undefined)).toBe('');
  });
});
