import {
  expandVariables,
  inputPaths,
  jobEnvironment,
  jobScript,
  variableTable,
  type JobVariables,
} from './job-variables';
import type { WorkloadSpec } from './workload-spec';

const vars: JobVariables = {
  testId: 'T1',
  queueId: 'Q1',
  queueName: 'cern-a',
  siteId: 'CERN',
  jobId: 'J7',
  jobIndex: 3,
  backend: 'local',
};

describe('variableTable', () => {
  it('maps every job variable name to its value', () => {
    expect(variableTable(vars)).toEqual({
      'test.id': 'T1',
      'queue.id': 'Q1',
      'queue.name': 'cern-a',
      'site.id': 'CERN',
      'job.id': 'J7',
      'job.index': '3',
      backend: 'local',
    });
  });
});

describe('expandVariables', () => {
  it('replaces every known ${name}, each occurrence', () => {
    expect(expandVariables('${job.id}/${queue.name}/${job.id} on ${backend}', vars)).toBe('J7/cern-a/J7 on local');
  });

  it('leaves unknown names and shell variables as they are', () => {
    expect(expandVariables('${job.nope} ${HOME} $ANVIL_JOB_ID ${events}', vars)).toBe(
      '${job.nope} ${HOME} $ANVIL_JOB_ID ${events}',
    );
  });
});

describe('inputPaths', () => {
  it('expands the input paths, in order', () => {
    const workload: WorkloadSpec = { command: 'x', inputs: [{ path: '/d/${queue.name}/a' }, { path: '/d/b' }] };
    expect(inputPaths(workload, vars)).toEqual(['/d/cern-a/a', '/d/b']);
  });

  it('is empty without inputs', () => {
    expect(inputPaths({ command: 'x' }, vars)).toEqual([]);
  });
});

describe('jobEnvironment', () => {
  it('exports the job variables, the inputs, and the expanded workload env', () => {
    const workload: WorkloadSpec = {
      command: 'x',
      inputs: [{ path: '/d/${site.id}/a' }, { path: '/d/b' }],
      env: { WHERE: '${site.id}:${job.index}' },
    };
    expect(jobEnvironment(workload, vars)).toEqual({
      ANVIL_TEST_ID: 'T1',
      ANVIL_QUEUE_ID: 'Q1',
      ANVIL_QUEUE_NAME: 'cern-a',
      ANVIL_SITE_ID: 'CERN',
      ANVIL_JOB_ID: 'J7',
      ANVIL_JOB_INDEX: '3',
      ANVIL_BACKEND: 'local',
      ANVIL_INPUTS: '/d/CERN/a /d/b',
      ANVIL_INPUT_0: '/d/CERN/a',
      ANVIL_INPUT_1: '/d/b',
      WHERE: 'CERN:3',
    });
  });

  it('lets the workload env override an ANVIL_ variable', () => {
    expect(jobEnvironment({ command: 'x', env: { ANVIL_BACKEND: 'mine' } }, vars).ANVIL_BACKEND).toBe('mine');
  });
});

describe('jobScript', () => {
  it('is a bash script of the workload script, with variables as environment references', () => {
    expect(jobScript({ script: 'echo ${job.id}\nexit 0' })).toBe('#!/bin/bash\necho ${ANVIL_JOB_ID}\nexit 0\n');
  });

  it('is a bash script of the command line when there is no script', () => {
    expect(jobScript({ command: 'run --queue ${queue.name} ${unknown.name}' })).toBe(
      '#!/bin/bash\nrun --queue ${ANVIL_QUEUE_NAME} ${unknown.name}\n',
    );
  });
});
