import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// USER_HZ: /proc reports CPU time in clock ticks of 1/100 s on Linux.
const TICKS_PER_SECOND = 100;

/** CPU seconds of one process from `/proc/<pid>/stat`: own (user + system) and of its reaped children. */
export interface ProcCpu {
  readonly command: string;
  readonly ownSeconds: number;
  readonly childrenSeconds: number;
}

/** Parses `/proc/<pid>/stat` (the command may hold spaces and parentheses: fields count from the last `)`). */
export function parseProcStat(text: string): ProcCpu {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  // After ")": state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime cutime cstime
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const tick = (field: number): number => Number(fields[field - 3]) / TICKS_PER_SECOND;
  return {
    command: text.slice(open + 1, close),
    ownSeconds: tick(14) + tick(15),
    childrenSeconds: tick(16) + tick(17),
  };
}

/** `VmHWM` (peak resident set) of `/proc/<pid>/status`, in MB; NaN when absent. */
export function parsePeakRssMb(status: string): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return match === null ? NaN : Number(match[1]) / 1024;
}

/** Busy and total CPU seconds of the whole machine (all cores) from the `cpu` line of `/proc/stat`. */
export function parseSystemCpu(procStat: string): { busySeconds: number; totalSeconds: number } {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu ')) ?? '';
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const ticks = line.split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busySeconds: (total - idle) / TICKS_PER_SECOND, totalSeconds: total / TICKS_PER_SECOND };
}

/** `parseProcStat` of a live process; undefined once it is gone. */
export function readProcCpu(pid: number): ProcCpu | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function readPeakRssMb(pid: number): number {
  try {
    return parsePeakRssMb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return NaN;
  }
}

/** Current resident memory (VmRSS) of a live process in MB; NaN once it is gone. */
export function readRssMb(pid: number): number {
  try {
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

export function readSystemCpu(): { busySeconds: number; totalSeconds: number } {
  return parseSystemCpu(readFileSync('/proc/stat', 'utf8'));
}

/**
 * CPU seconds used so far by every process whose command is `command` (e.g. `postgres`), including children they
 * reaped (so backends that exited still count, through the postmaster). Compare two snapshots.
 */
export function snapshotCommandCpu(command: string): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) {
      continue;
    }
    const cpu = readProcCpu(pid);
    if (cpu?.command === command) {
      byPid.set(pid, cpu.ownSeconds + cpu.childrenSeconds);
    }
  }
  return byPid;
}

/** CPU seconds between two `snapshotCommandCpu` snapshots (processes started in between count from zero). */
export function cpuSecondsBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let seconds = 0;
  for (const [pid, now] of after) {
    seconds += now - (before.get(pid) ?? 0);
  }
  return seconds;
}

/** Local ports of the TCP connections in `/proc/net/tcp` text whose socket inode is in `inodes` and remote port is `remotePort`. */
export function parseLocalPorts(procNetTcp: string, inodes: ReadonlySet<string>, remotePort: number): number[] {
  const ports: number[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !inodes.has(fields[9])) {
      continue;
    }
    const remote = parseInt(fields[2].split(':')[1], 16);
    if (remote === remotePort) {
      ports.push(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** Local ports of the process's TCP connections to `remotePort` (e.g. its Postgres connections, to find backends). */
export function readLocalPortsTo(pid: number, remotePort: number): number[] {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match !== null) {
          inodes.add(match[1]);
        }
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return [];
  }
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => {
    try {
      return parseLocalPorts(readFileSync(file, 'utf8'), inodes, remotePort);
    } catch {
      return [];
    }
  });
}
