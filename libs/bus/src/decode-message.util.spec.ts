import { create, toBinary } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { ALL_CONTRACTS, JobState, JobStateChangedSchema } from '@anvil/contracts';
import { decodeMessage, errorMessage } from './decode-message.util';

describe('decodeMessage', () => {
  const valid = create(JobStateChangedSchema, {
    jobId: 'j1',
    testId: 't1',
    queueId: 'q1',
    state: JobState.RUNNING,
    submittedAt: timestampNow(),
    occurredAt: timestampNow(),
  });

  it('returns the message when it decodes and passes the checks', () => {
    const result = decodeMessage(ALL_CONTRACTS, 'anvil.job.running.q1', toBinary(JobStateChangedSchema, valid));
    expect(result).toMatchObject({ ok: true, message: { jobId: 'j1' } });
  });
  it('names the failed fields when the message fails the checks', () => {
    const bad = create(JobStateChangedSchema, { ...valid, jobId: '' });
    const result = decodeMessage(ALL_CONTRACTS, 'anvil.job.running.q1', toBinary(JobStateChangedSchema, bad));
    expect(result).toEqual({ ok: false, problem: 'job_id is required' });
  });
  it('names the message type when the bytes do not decode', () => {
    const result = decodeMessage(ALL_CONTRACTS, 'anvil.job.running.q1', new Uint8Array([0xff, 0xff, 0xff]));
    expect(result).toMatchObject({
      ok: false,
      problem: expect.stringContaining('cannot decode anvil.v1.JobStateChanged'),
    });
  });
  it('names the subject when no contract matches it', () => {
    expect(decodeMessage(ALL_CONTRACTS, 'anvil.nothing', new Uint8Array())).toEqual({
      ok: false,
      problem: 'no contract for subject anvil.nothing',
    });
  });
});

describe('errorMessage', () => {
  it('reads the message of an error-like object when it is not an Error', () => {
    expect(errorMessage({ status: 'error', message: 'boom' })).toBe('boom');
  });
  it('stringifies anything else', () => {
    expect(errorMessage(42)).toBe('42');
  });
});
