import { Injectable } from '@nestjs/common';
import type { QueueHistoryMatrixQuery } from './dto/queue-history-matrix.query';
import type { QueueHistoryMatrixDto } from './dto/queue-history-matrix.dto';
import type { QueueHistoryQuery } from './dto/queue-history.query';
import type { QueueHistoryDto } from './dto/queue-history.dto';
import { efficiency } from './efficiency.util';
import { historyWindow } from './history-window.util';
import { queueNotFound } from './queue-not-found.exception';
import { QueueHistoryRepository, type DailyCounts } from './queue-history.repository';

/** Site history: jobs per queue and UTC day of submission, over the last days up to today. */
@Injectable()
export class QueueHistoryService {
  constructor(private readonly history: QueueHistoryRepository) {}

  async queue(queueId: string, query: QueueHistoryQuery): Promise<QueueHistoryDto> {
    const days = historyWindow(query.days);
    const window = { from: days[0], to: days[days.length - 1], golden: query.golden };
    const [siteId, rows] = await Promise.all([this.history.siteOf(queueId), this.history.daily(queueId, window)]);
    if (siteId === undefined) {
      throw queueNotFound(queueId);
    }
    const byDay = new Map(rows.map((row) => [row.day, row]));
    return {
      queueId,
      siteId,
      from: window.from,
      to: window.to,
      golden: query.golden ?? null,
      items: days.map((day) => {
        const { submitted, running, completed, failed, cancelled, lost, total } = byDay.get(day) ?? zeroDay(day);
        return {
          day,
          submitted,
          running,
          completed,
          failed,
          cancelled,
          lost,
          total,
          efficiency: efficiency(completed, failed),
        };
      }),
    };
  }

  async matrix(query: QueueHistoryMatrixQuery): Promise<QueueHistoryMatrixDto> {
    const days = historyWindow(query.days);
    const window = { from: days[0], to: days[days.length - 1], golden: query.golden };
    const rows = await this.history.matrix(query, window);
    return {
      from: window.from,
      to: window.to,
      golden: query.golden ?? null,
      days,
      items: rows.map((row) => ({
        ...row,
        efficiency: row.completed.map((completed, i) => efficiency(completed, row.failed[i] ?? 0)),
      })),
    };
  }
}

function zeroDay(day: string): DailyCounts {
  return { day, submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };
}
