import type { Logger } from '@nestjs/common';
import { ProblemLog } from './problem-log';

describe(ProblemLog.name, () => {
  const logger = { warn: jest.fn(), error: jest.fn(), log: jest.fn() };
  const problems = new ProblemLog(logger as unknown as Logger, { testId: 't1' });

  beforeEach(() => jest.clearAllMocks());

  describe('report', () => {
    it('logs a problem once while it lasts, and again after it was resolved', () => {
      problems.report('poll', { backend: 'sim' }, 'poll failed');
      problems.report('poll', { backend: 'sim' }, 'poll failed');
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith({ testId: 't1', backend: 'sim' }, 'poll failed');
      problems.resolved('poll', 'poll restored');
      expect(logger.log).toHaveBeenCalledWith({ testId: 't1', problem: 'poll' }, 'poll restored');
      problems.report('poll', {}, 'poll failed', 'error');
      expect(logger.error).toHaveBeenCalledTimes(1);
    });
  });

  describe('resolved', () => {
    it('logs nothing when the problem was not open', () => {
      problems.resolved('never', 'restored');
      expect(logger.log).not.toHaveBeenCalled();
    });
  });
});
