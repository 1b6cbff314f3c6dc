import { BusNamespace } from './bus-namespace';

describe(BusNamespace.name, () => {
  const ns = new BusNamespace('t_x');
  const none = new BusNamespace('');

  describe('subject', () => {
    it('prefixes the subject when a namespace is set', () => {
      expect(ns.subject('anvil.job.>')).toBe('t_x.anvil.job.>');
    });
    it('leaves the subject unchanged when the namespace is empty', () => {
      expect(none.subject('anvil.job.>')).toBe('anvil.job.>');
    });
  });

  describe('stream', () => {
    it('prefixes the stream name with an underscore when a namespace is set', () => {
      expect(ns.stream('ANVIL_JOBS')).toBe('t_x_ANVIL_JOBS');
    });
    it('leaves the stream name unchanged when the namespace is empty', () => {
      expect(none.stream('ANVIL_JOBS')).toBe('ANVIL_JOBS');
    });
  });

  describe('strip', () => {
    it('removes the namespace when the subject is inside it', () => {
      expect(ns.strip('t_x.anvil.job.completed.q1')).toBe('anvil.job.completed.q1');
    });
    it('returns the subject unchanged when the namespace is empty', () => {
      expect(none.strip('anvil.job.completed.q1')).toBe('anvil.job.completed.q1');
    });
    it('throws when the subject belongs to another namespace', () => {
      expect(() => ns.strip('t_y.anvil.job.completed.q1')).toThrow('outside namespace t_x');
    });
  });
});
