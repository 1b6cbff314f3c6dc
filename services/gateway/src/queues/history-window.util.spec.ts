import { historyWindow } from './history-window.util';

describe('historyWindow', () => {
  it('ends with the UTC day of now and lists the days oldest first', () => {
    expect(historyWindow(3, new Date('2030-03-01T23:59:59.999Z'))).toEqual(['2030-02-27', '2030-02-28', '2030-03-01']);
  });
  it('counts in UTC whatever the offset of the instant given', () => {
    expect(historyWindow(1, new Date('2030-03-02T00:30:00+01:00'))).toEqual(['2030-03-01']);
  });
  it('crosses year ends and leap days', () => {
    expect(historyWindow(3, new Date('2029-01-01T00:00:00Z'))).toEqual(['2028-12-30', '2028-12-31', '2029-01-01']);
    expect(historyWindow(2, new Date('2028-03-01T12:00:00Z'))).toEqual(['2028-02-29', '2028-03-01']);
  });
});
