import { SlurmPartitionErrorCode, SlurmPartitionException } from './slurm-partition.exception';
import {
  formatAllowGroups,
  parseAllowGroups,
  parsePartitionLine,
  planPartitionChange,
  readSlurmQueueConfig,
  showPartitionArgs,
  updateAllowGroupsArgs,
} from './slurm-partition.util';

// Real `scontrol --oneliner show partition` output of Slurm 22.05 (Debian 12).
const SHOW_PARTITION =
  'PartitionName=anvil-a AllowGroups=anvil-test,atlas AllowAccounts=ALL AllowQos=ALL AllocNodes=ALL Default=YES ' +
  'QoS=N/A DefaultTime=00:10:00 DisableRootJobs=NO ExclusiveUser=NO GraceTime=0 Hidden=NO MaxNodes=UNLIMITED ' +
  'MaxTime=02:00:00 MinNodes=0 LLN=NO MaxCPUsPerNode=UNLIMITED Nodes=vm PriorityJobFactor=1 PriorityTier=1 ' +
  'RootOnly=NO ReqResv=NO OverSubscribe=NO OverTimeLimit=NONE PreemptMode=OFF State=UP TotalCPUs=2 TotalNodes=1 ' +
  'SelectTypeParameters=NONE JobDefaults=(null) DefMemPerCPU=1024 MaxMemPerNode=UNLIMITED ' +
  'TRES=cpu=2,mem=24105M,node=1,billing=2\n';

const settings = { online: parseAllowGroups('ALL'), excluded: parseAllowGroups('anvil-test') };

describe('slurm-partition.util', () => {
  describe('readSlurmQueueConfig', () => {
    it('returns partition, account and qos when they are Slurm names', () => {
      expect(readSlurmQueueConfig({ partition: 'anvil-a', account: 'atlas', qos: 'normal' })).toEqual({
        partition: 'anvil-a',
        account: 'atlas',
        qos: 'normal',
      });
      expect(readSlurmQueueConfig({ partition: 'anvil-a' })).toEqual({ partition: 'anvil-a' });
    });

    it.each([
      [{}],
      [{ partition: 42 }],
      [{ partition: '' }],
      [{ partition: 'a AllowGroups=ALL' }],
      [{ partition: 'a,b' }],
    ])('throws invalid-backend-config when the partition is not a Slurm name (%j)', (config) => {
      expect(() => readSlurmQueueConfig(config)).toThrow(SlurmPartitionException);
      expect(() => readSlurmQueueConfig(config)).toThrow(/partition must be a Slurm partition name/);
    });

    it('throws naming the partition when the account is not a Slurm name', () => {
      let caught: unknown;
      try {
        readSlurmQueueConfig({ partition: 'anvil-b', account: 'x=y' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SlurmPartitionException);
      expect(caught).toMatchObject({ code: SlurmPartitionErrorCode.InvalidBackendConfig, partition: 'anvil-b' });
      expect((caught as Error).message).toMatch(/account of partition anvil-b/);
    });
  });

  describe('parseAllowGroups', () => {
    it('reads ALL in any case', () => {
      expect(parseAllowGroups('ALL')).toBe('ALL');
      expect(parseAllowGroups(' all ')).toBe('ALL');
    });

    it('reads a comma-separated list as a set', () => {
      expect(parseAllowGroups('atlas,anvil-test')).toEqual(new Set(['atlas', 'anvil-test']));
    });

    it.each(['', 'a,,b', 'a b', 'x=y'])('throws when the value is not a group list (%j)', (value) => {
      expect(() => parseAllowGroups(value)).toThrow(/AllowGroups must be ALL or a comma-separated list/);
    });
  });

  describe('formatAllowGroups', () => {
    it('sorts the groups so that equal sets format equally', () => {
      expect(formatAllowGroups(parseAllowGroups('b,a'))).toBe('a,b');
      expect(formatAllowGroups('ALL')).toBe('ALL');
    });
  });

  describe('showPartitionArgs', () => {
    it('asks for one line per partition', () => {
      expect(showPartitionArgs('anvil-a')).toEqual(['--oneliner', 'show', 'partition', 'anvil-a']);
    });
  });

  describe('updateAllowGroupsArgs', () => {
    it('builds one argument per key=value', () => {
      expect(updateAllowGroupsArgs('anvil-a', parseAllowGroups('anvil-test'))).toEqual([
        'update',
        'PartitionName=anvil-a',
        'AllowGroups=anvil-test',
      ]);
      expect(updateAllowGroupsArgs('anvil-a', 'ALL')).toEqual(['update', 'PartitionName=anvil-a', 'AllowGroups=ALL']);
    });
  });

  describe('parsePartitionLine', () => {
    it('reads every field, splitting only at the first =', () => {
      const fields = parsePartitionLine(SHOW_PARTITION);
      expect(fields.get('PartitionName')).toBe('anvil-a');
      expect(fields.get('AllowGroups')).toBe('anvil-test,atlas');
      expect(fields.get('TRES')).toBe('cpu=2,mem=24105M,node=1,billing=2');
      expect(fields.get('JobDefaults')).toBe('(null)');
    });

    it('throws when there is no partition line', () => {
      expect(() => parsePartitionLine('Partition nosuch not found\n')).toThrow(/no PartitionName= line/);
    });
  });

  describe('planPartitionChange', () => {
    it('restricts an open partition to the test group when excluded', () => {
      expect(planPartitionChange('ALL', 'excluded', settings)).toEqual({
        kind: 'update',
        allowGroups: settings.excluded,
      });
    });

    it('leaves a partition restricted to the test group unchanged when excluded again', () => {
      expect(planPartitionChange(parseAllowGroups('anvil-test'), 'excluded', settings)).toEqual({ kind: 'unchanged' });
    });

    it('opens a test-only partition when online', () => {
      expect(planPartitionChange(parseAllowGroups('anvil-test'), 'online', settings)).toEqual({
        kind: 'update',
        allowGroups: 'ALL',
      });
    });

    it('leaves an open partition unchanged when online again', () => {
      expect(planPartitionChange('ALL', 'online', settings)).toEqual({ kind: 'unchanged' });
    });

    it('compares group lists as sets when online is a list', () => {
      const listed = { online: parseAllowGroups('atlas,cms'), excluded: settings.excluded };
      expect(planPartitionChange(parseAllowGroups('cms,atlas'), 'online', listed)).toEqual({ kind: 'unchanged' });
      expect(planPartitionChange(parseAllowGroups('cms,atlas'), 'excluded', listed)).toEqual({
        kind: 'update',
        allowGroups: settings.excluded,
      });
      expect(planPartitionChange('ALL', 'excluded', listed)).toEqual({ kind: 'conflict', found: 'ALL' });
    });

    it.each(['online', 'excluded'] as const)(
      'reports a conflict for a restriction Anvil did not set (%s)',
      (status) => {
        expect(planPartitionChange(parseAllowGroups('admins'), status, settings)).toEqual({
          kind: 'conflict',
          found: 'admins',
        });
      },
    );
  });
});
