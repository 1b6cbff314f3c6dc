import { withDeadline } from './with-deadline.util';

describe('withDeadline', () => {
  it('answers what the work answers in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1_000)).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
  });

  it('rejects naming the deadline when the work is not done by then', async () => {
    await expect(withDeadline(new Promise(() => undefined), 10)).rejects.toThrow('no answer within 10 ms');
  });
});
