import { describe, expect, it } from '@jest/globals';
import { placeProblems } from './field-problems.util';

describe('placeProblems', () => {
  const controls = ['workload', 'workload.command', 'queueSelector', 'queueSelector.queueIds', 'name'];

  it('gives each problem to the control with the longest matching name', () => {
    const { byControl, unplaced } = placeProblems(
      [
        { field: 'workload.command', problem: 'is required' },
        { field: 'workload.errorRules[1].pattern', problem: 'is not a regex' },
        { field: 'queueSelector.queueIds[2]', problem: 'names no existing queue (X)' },
        { field: 'queueSelector', problem: 'must set queueIds, labels or backend' },
      ],
      controls,
    );
    expect(byControl.get('workload.command')?.map((d) => d.problem)).toEqual(['is required']);
    expect(byControl.get('workload')?.map((d) => d.field)).toEqual(['workload.errorRules[1].pattern']);
    expect(byControl.get('queueSelector.queueIds')?.map((d) => d.field)).toEqual(['queueSelector.queueIds[2]']);
    expect(byControl.get('queueSelector')?.map((d) => d.field)).toEqual(['queueSelector']);
    expect(unplaced).toEqual([]);
  });

  it('does not take a field that only starts with a control name', () => {
    const { byControl, unplaced } = placeProblems(
      [
        { field: 'names', problem: 'x' },
        { field: 'body', problem: 'y' },
      ],
      controls,
    );
    expect(byControl.size).toBe(0);
    expect(unplaced.map((d) => d.field)).toEqual(['names', 'body']);
  });
});
