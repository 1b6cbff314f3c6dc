import { useEffect, useState } from 'react';
import { apiGet, type Query } from '../../api/api-client';
import { toApiError, type ApiError } from '../../api/api-error';
import type { Page, Queue } from '../queue/queue.types';

/** The API's largest page of queues. */
const PAGE = 500;

/**
 * Every queue matching `filter` (`GET /api/v1/queues`, page after page: the list is paged at 500), refreshed every
 * `refreshMs`. A failed refresh keeps the last list and sets `error`.
 */
export function useAllQueues(
  filter: Query,
  refreshMs: number,
): { queues?: Queue[]; error?: ApiError; loading: boolean } {
  const key = JSON.stringify(filter);
  const [state, setState] = useState<{ key: string; queues?: Queue[]; error?: ApiError }>({ key });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const query = JSON.parse(key) as Query;
    const run = async (): Promise<void> => {
      try {
        const all: Queue[] = [];
        for (let offset = 0; ; offset += PAGE) {
          const page = await apiGet<Page<Queue>>('/queues', { ...query, limit: PAGE, offset });
          all.push(...page.items);
          if (page.items.length < PAGE || all.length >= page.total) {
            break;
          }
        }
        if (!cancelled) {
          setState({ key, queues: all });
        }
      } catch (err) {
        if (!cancelled) {
          setState((s) => (s.key === key ? { ...s, error: toApiError(err) } : { key, error: toApiError(err) }));
        }
      }
      if (!cancelled) {
        timer = setTimeout(() => void run(), refreshMs);
      }
    };
    void run();
    return () => {
      cancelled = true;
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    };
  }, [key, refreshMs]);

  const current = state.key === key ? state : { key };
  return { queues: current.queues, error: current.error, loading: current.queues === undefined && !current.error };
}
