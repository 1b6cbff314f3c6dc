import { useEffect, useRef, useState } from 'react';
import { apiGet } from '../../api/api-client';
import type { Decision } from '../decisions/decision.types';
import type { Page } from './queue.types';

/** An override the gateway accepted (202) and the decider has not applied yet. */
export interface PendingOverride {
  requestId: string;
  queueId: string;
  mode: 'exclude' | 'online' | 'clear';
  sentAt: number;
}

/** After this long without the decider's decision, the page says so (and keeps waiting). */
export const OVERRIDE_SLOW_MS = 30_000;

/**
 * Waits for the decider to apply an accepted override: polls the queue's override decisions (each second, then
 * every 3 s once slow) until one carries the command's `requestId` in its evidence, then calls `onApplied` with it.
 * The gateway's 202 means "sent", not "applied" (docs/api-decisions.md).
 */
export function useOverridePending(
  pending: PendingOverride | undefined,
  onApplied: (decision: Decision) => void,
): { slow: boolean } {
  const [slow, setSlow] = useState(false);
  const appliedRef = useRef(onApplied);
  appliedRef.current = onApplied;

  useEffect(() => {
    setSlow(false);
    if (!pending) {
      return undefined;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const page = await apiGet<Page<Decision>>('/decisions', {
          queueId: pending.queueId,
          action: 'override',
          limit: 20,
        });
        const applied = page.items.find((d) => d.evidence?.requestId === pending.requestId);
        if (cancelled) {
          return;
        }
        if (applied) {
          appliedRef.current(applied);
          return;
        }
      } catch {
        // A failed poll is retried; the pending note stays on screen.
      }
      if (cancelled) {
        return;
      }
      const late = Date.now() - pending.sentAt > OVERRIDE_SLOW_MS;
      setSlow(late);
      timer = setTimeout(() => void poll(), late ? 3000 : 1000);
    };
    timer = setTimeout(() => void poll(), 500);
    return () => {
      cancelled = true;
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    };
  }, [pending]);

  return { slow };
}
