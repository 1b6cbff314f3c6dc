import { jsonChanges } from './json-changes.util';

describe('jsonChanges', () => {
  it('finds nothing when the documents are equal, whatever their key order', () => {
    expect(jsonChanges({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('names the leaf that changed by its JSON pointer, with both values', () => {
    expect(
      jsonChanges(
        { submissionProfile: { minQueueDepth: 1, maxRunning: 2 } },
        { submissionProfile: { minQueueDepth: 1, maxRunning: 5 } },
      ),
    ).toEqual([{ path: '/submissionProfile/maxRunning', change: 'changed', before: 2, after: 5 }]);
  });

  it('reports added and removed properties with the value they had or have', () => {
    expect(jsonChanges({ a: 1, gone: { x: 1 } }, { a: 1, fresh: 'y' })).toEqual([
      { path: '/fresh', change: 'added', after: 'y' },
      { path: '/gone', change: 'removed', before: { x: 1 } },
    ]);
  });

  it('sorts changes by key, depth first', () => {
    expect(jsonChanges({ b: 1, a: { z: 1, y: 1 } }, { b: 2, a: { z: 2, y: 2 } }).map((c) => c.path)).toEqual([
      '/a/y',
      '/a/z',
      '/b',
    ]);
  });

  it('compares arrays item by item and reports the extra items of the longer one', () => {
    expect(jsonChanges({ ids: ['q1', 'q2', 'q3'] }, { ids: ['q1', 'q9'] })).toEqual([
      { path: '/ids/1', change: 'changed', before: 'q2', after: 'q9' },
      { path: '/ids/2', change: 'removed', before: 'q3' },
    ]);
    expect(jsonChanges({ ids: [] }, { ids: ['q1'] })).toEqual([{ path: '/ids/0', change: 'added', after: 'q1' }]);
  });

  it('descends into objects inside arrays', () => {
    const before = { steps: [{ afterSeconds: 0, maxRunning: 1 }] };
    const after = { steps: [{ afterSeconds: 60, maxRunning: 1 }] };
    expect(jsonChanges(before, after)).toEqual([
      { path: '/steps/0/afterSeconds', change: 'changed', before: 0, after: 60 },
    ]);
  });

  it('reports a value whose type changed as one change of the whole value', () => {
    expect(jsonChanges({ v: { a: 1 } }, { v: [1] })).toEqual([
      { path: '/v', change: 'changed', before: { a: 1 }, after: [1] },
    ]);
    expect(jsonChanges({ v: 1 }, { v: '1' })).toEqual([{ path: '/v', change: 'changed', before: 1, after: '1' }]);
    expect(jsonChanges({ v: null }, { v: {} })).toEqual([{ path: '/v', change: 'changed', before: null, after: {} }]);
  });

  it('treats null as a value and undefined as absent', () => {
    expect(jsonChanges({ policy: null }, { policy: 'strict' })).toEqual([
      { path: '/policy', change: 'changed', before: null, after: 'strict' },
    ]);
    expect(jsonChanges({ totalJobs: undefined }, { totalJobs: 10 })).toEqual([
      { path: '/totalJobs', change: 'added', after: 10 },
    ]);
  });

  it('escapes ~ and / in keys as RFC 6901 says', () => {
    expect(jsonChanges({ env: { 'a/b~c': '1' } }, { env: { 'a/b~c': '2' } })).toEqual([
      { path: '/env/a~1b~0c', change: 'changed', before: '1', after: '2' },
    ]);
  });
});
