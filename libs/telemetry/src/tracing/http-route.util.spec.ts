import type { IncomingMessage } from 'node:http';
import { httpRouteOf } from './http-route.util';

const request = (extra: object): IncomingMessage => ({ url: '/api/v1/tests/42', ...extra }) as IncomingMessage;

describe(httpRouteOf.name, () => {
  it('is the template Express matched, under its router mount point', () => {
    expect(httpRouteOf(request({ route: { path: '/api/v1/tests/:id' }, baseUrl: '' }))).toBe('/api/v1/tests/:id');
    expect(httpRouteOf(request({ route: { path: '/:id' }, baseUrl: '/api/v1/tests' }))).toBe('/api/v1/tests/:id');
  });

  it('is undefined when no route matched, never the raw path', () => {
    expect(httpRouteOf(request({}))).toBeUndefined();
    expect(httpRouteOf(request({ route: { path: /regex/ } }))).toBeUndefined();
  });
});
