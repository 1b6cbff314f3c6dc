import { MAX_RENEWED_MS, RENEW_EVERY_MS } from './idempotency-reservation.constant';
import { ReservationRenewal } from './reservation-renewal';

const SLOT = { key: 'ns:anvil:idempotency:abc', owner: 'owner-1' };

/** A store whose `renew` answers what the test says, and counts its calls. */
function storeAnswering(answer: () => Promise<boolean>) {
  return { renew: jest.fn((_slot: typeof SLOT, _fingerprint: string) => answer()) };
}

describe(ReservationRenewal.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('renews the reservation every RENEW_EVERY_MS until stopped, then never again', async () => {
    const store = storeAnswering(() => Promise.resolve(true));
    const renewal = new ReservationRenewal(store, SLOT, 'fp');
    expect(store.renew).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS * 3);
    expect(store.renew).toHaveBeenCalledTimes(3);
    expect(store.renew).toHaveBeenLastCalledWith(SLOT, 'fp');
    renewal.stop();
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS * 5);
    expect(store.renew).toHaveBeenCalledTimes(3);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stops for good when the key is no longer its reservation', async () => {
    const store = storeAnswering(() => Promise.resolve(false));
    new ReservationRenewal(store, SLOT, 'fp');
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS * 5);
    expect(store.renew).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps trying while Redis fails, and sends no second renewal while one waits for an answer', async () => {
    let settle: (renewed: boolean) => void = () => undefined;
    const answers = [
      () => Promise.reject(new Error('Redis is reconnecting')),
      () => new Promise<boolean>((resolve) => (settle = resolve)),
      () => Promise.resolve(true),
    ];
    const store = storeAnswering(() => answers.shift()!());
    const renewal = new ReservationRenewal(store, SLOT, 'fp');
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS * 2);
    expect(store.renew).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS * 2);
    expect(store.renew).toHaveBeenCalledTimes(2);
    settle(true);
    await jest.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    expect(store.renew).toHaveBeenCalledTimes(3);
    renewal.stop();
  });

  it('stops renewing after MAX_RENEWED_MS, so a hung request does not hold its key for ever', async () => {
    const store = storeAnswering(() => Promise.resolve(true));
    new ReservationRenewal(store, SLOT, 'fp');
    await jest.advanceTimersByTimeAsync(MAX_RENEWED_MS + RENEW_EVERY_MS * 3);
    expect(store.renew).toHaveBeenCalledTimes(MAX_RENEWED_MS / RENEW_EVERY_MS - 1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive', () => {
    const setIntervalSpy = jest.spyOn(global, 'setInterval');
    const renewal = new ReservationRenewal(
      storeAnswering(() => Promise.resolve(true)),
      SLOT,
      'fp',
    );
    const timer = setIntervalSpy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    renewal.stop();
    setIntervalSpy.mockRestore();
  });
});
