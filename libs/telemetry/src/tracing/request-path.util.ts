/** The path of a request target (`/api/v1/tests?state=running` → `/api/v1/tests`). */
export function requestPath(url: string | undefined): string {
  if (url === undefined) {
    return '';
  }
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
