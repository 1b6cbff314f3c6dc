import { RequestSlots } from './request-slots';

describe(RequestSlots.name, () => {
  describe('acquire', () => {
    it('lets `size` holders in at once and the next one when a slot is released, in arrival order', async () => {
      const slots = new RequestSlots(2);
      const signal = new AbortController().signal;
      await slots.acquire(signal);
      await slots.acquire(signal);
      const order: string[] = [];
      const third = slots.acquire(signal).then(() => order.push('third'));
      const fourth = slots.acquire(signal).then(() => order.push('fourth'));
      await Promise.resolve();
      expect(order).toEqual([]);
      slots.release();
      await third;
      expect(order).toEqual(['third']);
      slots.release();
      await fourth;
      expect(order).toEqual(['third', 'fourth']);
    });

    it('rejects a waiter whose signal aborts, without taking a slot', async () => {
      const slots = new RequestSlots(1);
      await slots.acquire(new AbortController().signal);
      const stopping = new AbortController();
      const waiting = slots.acquire(stopping.signal);
      stopping.abort(new Error('stopping'));
      await expect(waiting).rejects.toThrow('stopping');
      slots.release();
      // The released slot is free for the next one at once.
      await expect(slots.acquire(new AbortController().signal)).resolves.toBeUndefined();
    });

    it('rejects at once when the signal has already aborted', async () => {
      const stopping = new AbortController();
      stopping.abort(new Error('stopped'));
      await expect(new RequestSlots(3).acquire(stopping.signal)).rejects.toThrow('stopped');
    });
  });
});
