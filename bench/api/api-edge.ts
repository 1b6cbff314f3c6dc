import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { freePort, HaproxyProcess, ServiceProcess } from '@anvil/testing';

const HAPROXY_CONFIG = join(__dirname, '..', '..', '..', 'haproxy', 'haproxy.cfg');

/** What the load is sent to: HAProxy before two gateway replicas, as `npm run up` runs them, or one replica. */
export interface ApiEdge {
  url: string;
  via: 'haproxy' | 'direct';
  replicas: ServiceProcess[];
  stop(): Promise<void>;
}

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error(`GET ${url} timed out`)));
  });
}

async function startReplica(
  name: string,
  env: Record<string, string>,
): Promise<{ gateway: ServiceProcess; address: string }> {
  const port = await freePort();
  const gateway = ServiceProcess.start('gateway', { ...env, ANVIL_GATEWAY_PORT: String(port) }, name);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if ((await status(`http://127.0.0.1:${port}/readyz`).catch(() => 0)) === 200) {
      return { gateway, address: `127.0.0.1:${port}` };
    }
    if (!gateway.running || Date.now() > deadline) {
      throw new Error(`${name} did not start:\n${gateway.describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Two built gateway replicas behind HAProxy with `haproxy/haproxy.cfg` (both UP, past slowstart), or with
 * `direct` — or without the config or the binary — one replica alone.
 */
export async function startApiEdge(
  env: Record<string, string>,
  options: { direct: boolean; log: (line: string) => void },
): Promise<ApiEdge> {
  const withHaproxy = !options.direct && existsSync(HAPROXY_CONFIG);
  if (!options.direct && !withHaproxy) {
    options.log(`${HAPROXY_CONFIG} is missing: measuring one gateway directly`);
  }
  const replicas: ServiceProcess[] = [];
  const stopAll = async (haproxy?: HaproxyProcess): Promise<void> => {
    await haproxy?.stop();
    await Promise.all(replicas.map((replica) => replica.stop()));
  };
  try {
    const a = await startReplica('gateway-a', env);
    replicas.push(a.gateway);
    if (!withHaproxy) {
      return { url: `http://${a.address}`, via: 'direct', replicas, stop: () => stopAll() };
    }
    const b = await startReplica('gateway-b', env);
    replicas.push(b.gateway);
    const haproxy = await HaproxyProcess.start({
      port: await freePort(),
      statsPort: await freePort(),
      gatewayA: a.address,
      gatewayB: b.address,
    });
    await haproxy.waitForServer('gateway-a', 'UP');
    await haproxy.waitForServer('gateway-b', 'UP');
    // `slowstart 5s`: a server just UP gets its full share of traffic only after 5 s.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    return { url: haproxy.url, via: 'haproxy', replicas, stop: () => stopAll(haproxy) };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
