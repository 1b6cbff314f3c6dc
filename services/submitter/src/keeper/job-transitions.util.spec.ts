import { statesToPublish } from './job-transitions.util';

describe('statesToPublish', () => {
  it('publishes nothing when the state did not change', () => {
    expect(statesToPublish('submitted', { state: 'submitted' })).toEqual([]);
  });

  it('publishes the new state when the job moved one step', () => {
    expect(statesToPublish('submitted', { state: 'running', startedAt: new Date() })).toEqual(['running']);
    expect(statesToPublish('running', { state: 'failed' })).toEqual(['failed']);
  });

  it('publishes the skipped running first when the backend gave a start time', () => {
    expect(statesToPublish('submitted', { state: 'completed', startedAt: new Date() })).toEqual([
      'running',
      'completed',
    ]);
  });

  it('publishes only the final state when the skipped start time is unknown', () => {
    expect(statesToPublish('submitted', { state: 'cancelled' })).toEqual(['cancelled']);
  });

  it('never goes back when the backend reports an older state', () => {
    expect(statesToPublish('running', { state: 'submitted' })).toEqual([]);
    expect(statesToPublish('completed', { state: 'running' })).toEqual([]);
    expect(statesToPublish('completed', { state: 'failed' })).toEqual([]);
  });
});
