// The npm registry mirror on these machines serves only the linux-x64 builds of packages that ship
// per-platform binaries as optional dependencies (@swc/core, @bufbuild/buf, unrs-resolver). `npm
// install` then writes a lockfile without the other platforms' entries, and `npm ci` refuses it
// ("Missing: … from lock file"). This adds those entries, marked optional with the os/cpu they
// target, so `npm ci` skips them here and still installs them on a machine of that platform.
// Run it after any `npm install` that changes package-lock.json: `node infra/local/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCKFILE = new URL('../../package-lock.json', import.meta.url);
const OSES = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'aix'];
const CPUS = {
  arm64: 'arm64',
  aarch64: 'arm64',
  x64: 'x64',
  arm: 'arm',
  armv7: 'arm',
  ia32: 'ia32',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
};

function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const osIndex = tokens.findIndex((token) => OSES.includes(token));
  const cpu = CPUS[tokens[osIndex + 1]];
  if (osIndex < 0 || !cpu) {
    throw new Error(`cannot tell the platform of optional dependency ${name}`);
  }
  const platform = { os: [tokens[osIndex]], cpu: [cpu] };
  const rest = tokens.slice(osIndex + 2);
  if (rest.includes('musl')) platform.libc = ['musl'];
  if (rest.includes('gnu') || rest.includes('gnueabihf')) platform.libc = ['glibc'];
  return platform;
}

const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8'));
let added = 0;
for (const entry of Object.values(lock.packages)) {
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dependency}`;
    if (lock.packages[key]) continue;
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(dependency),
    };
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
