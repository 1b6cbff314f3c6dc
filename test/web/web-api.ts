/** The REST API as the tests read it, to compare what the pages show with what the API serves. */
export class WebApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  get<T = any>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(this.token === undefined ? {} : { authorization: `Bearer ${this.token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} → ${response.status} ${text}`);
    }
    return JSON.parse(text) as T;
  }
}
