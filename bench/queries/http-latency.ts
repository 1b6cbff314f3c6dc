import { Agent, request } from 'node:http';

export interface LatencySummary {
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanBytes: number;
}

/** One keep-alive connection, as a browser or a load balancer keeps one: latency, not throughput. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** GET `url` and read the whole body; rejects on a non-2xx status. */
export function getBody(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          reject(new Error(`GET ${url} → ${status} ${body.toString('utf8').slice(0, 500)}`));
        } else {
          resolve(body);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function getJson(url: string): Promise<any> {
  return JSON.parse((await getBody(url)).toString('utf8'));
}

/**
 * Sends `warmup` then `requests` GETs one after the other (the next starts when the previous body is read) and
 * summarises the measured ones: time from sending the request to the last byte of the body.
 */
export async function measure(
  urlFor: (i: number) => string,
  options: { requests: number; warmup: number },
): Promise<LatencySummary> {
  for (let i = 0; i < options.warmup; i++) {
    await getBody(urlFor(i));
  }
  const latencies: number[] = [];
  let bytes = 0;
  for (let i = 0; i < options.requests; i++) {
    const started = performance.now();
    const body = await getBody(urlFor(i));
    latencies.push(performance.now() - started);
    bytes += body.length;
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1] ?? NaN),
    meanBytes: Math.round(bytes / Math.max(1, latencies.length)),
  };
}

export function closeAgent(): void {
  agent.destroy();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
