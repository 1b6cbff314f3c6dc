import { cpuSecondsBetween, parseLocalPorts, parsePeakRssMb, parseProcStat, parseSystemCpu } from './proc-stats.util';

describe(parseProcStat.name, () => {
  it('reads the command and the user + system ticks, even with spaces and parentheses in the command', () => {
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194304 6470 0 2 0 250 33 7 3 20 0 9 0 4478 1348124672 5386';
    expect(parseProcStat(stat)).toEqual({ command: 'node (x) y', ownSeconds: 2.83, childrenSeconds: 0.1 });
  });
});

describe(parsePeakRssMb.name, () => {
  it('reads VmHWM in MB', () => {
    expect(parsePeakRssMb('Name:\tnode\nVmPeak:\t  900000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 100 kB\n')).toBe(200);
    expect(parsePeakRssMb('Name:\tkthreadd\n')).toBeNaN();
  });
});

describe(parseSystemCpu.name, () => {
  it('counts idle and iowait as not busy', () => {
    const text = 'cpu  100 5 50 800 20 3 2 10 0 0\ncpu0 50 2 25 400 10 1 1 5 0 0\n';
    expect(parseSystemCpu(text)).toEqual({ busySeconds: 1.7, totalSeconds: 9.9 });
  });
});

describe(cpuSecondsBetween.name, () => {
  it('sums what each process used between the snapshots, new processes from zero', () => {
    const before = new Map([
      [1, 10],
      [2, 5],
    ]);
    const after = new Map([
      [1, 12.5],
      [3, 1],
    ]);
    expect(cpuSecondsBetween(before, after)).toBeCloseTo(3.5);
  });
});

describe(parseLocalPorts.name, () => {
  it('finds the local ports of the given sockets connected to the remote port', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   104        0 100 1',
      '   1: 0100007F:C0A2 0100007F:1538 01 00000000:00000000 00:00000000 00000000     0        0 200 1',
      '   2: 0100007F:C0A3 0100007F:1538 01 00000000:00000000 00:00000000 00000000     0        0 300 1',
      '   3: 0100007F:C0A4 0100007F:108E 01 00000000:00000000 00:00000000 00000000     0        0 400 1',
    ].join('\n');
    expect(parseLocalPorts(tcp, new Set(['200', '400', '100']), 5432)).toEqual([0xc0a2]);
  });
});
