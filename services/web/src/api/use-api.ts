import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet, type Query } from './api-client';
import { ApiError, toApiError } from './api-error';
import { onCredentialChange } from './credentials';

export interface UseApiResult<T> {
  data?: T;
  error?: ApiError;
  /** True while the first answer for the current path and query is awaited (not during polling refreshes). */
  loading: boolean;
  /** Fetches again now (keeps the current data on screen until the answer replaces it). */
  reload(): void;
}

interface State<T> {
  key: string | null;
  data?: T;
  error?: ApiError;
  loading: boolean;
}

/**
 * GET `/api/v1<path>` (nothing while `path` is null). With `refreshMs`, polls: the next request starts `refreshMs`
 * after the previous answer, is skipped while the tab is hidden, and replaces the data only when it arrives, so the
 * page does not flicker. A failed refresh keeps the last data and sets `error`. A new path or query starts over.
 * Re-fetches when the user signs in or out.
 */
export function useApi<T>(path: string | null, query?: Query, options?: { refreshMs?: number }): UseApiResult<T> {
  const queryKey = query ? JSON.stringify(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) : '';
  const key = path === null ? null : `${path}?${queryKey}`;
  const refreshMs = options?.refreshMs;

  const [state, setState] = useState<State<T>>({ key, loading: key !== null });
  const [nonce, setNonce] = useState(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  // Read when the next poll is scheduled: a page may stop polling (a test that finished) without a new request.
  const refreshRef = useRef(refreshMs);
  refreshRef.current = refreshMs;
  const polling = refreshMs !== undefined && refreshMs > 0;

  // A new key: forget the old data at once (render-time reset, no stale frame with another id's data).
  let current = state;
  if (state.key !== key) {
    current = { key, loading: key !== null };
    setState(current);
  }

  useEffect(() => onCredentialChange(() => setNonce((n) => n + 1)), []);

  useEffect(() => {
    if (path === null) {
      return undefined;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;

    const run = async (): Promise<void> => {
      controller = new AbortController();
      try {
        const data = await apiGet<T>(path, queryRef.current, { signal: controller.signal });
        if (!cancelled) {
          setState({ key, data, loading: false });
        }
      } catch (err) {
        if (cancelled || (err instanceof DOMException && err.name === 'AbortError')) {
          return;
        }
        const error = toApiError(err);
        setState((s) => (s.key === key ? { ...s, error, loading: false } : s));
      }
      const every = refreshRef.current;
      if (!cancelled && every !== undefined && every > 0) {
        timer = setTimeout(tick, every);
      }
    };
    const tick = (): void => {
      if (typeof document !== 'undefined' && document.hidden) {
        timer = setTimeout(tick, refreshRef.current ?? 1000);
        return;
      }
      void run();
    };
    void run();
    return () => {
      cancelled = true;
      if (timer !== undefined) {
        clearTimeout(timer);
      }
      controller?.abort();
    };
    // `key` covers path and query; `nonce` is a reload or a sign-in change; `polling` restarts a stopped loop.
  }, [key, nonce, polling]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  return { data: current.data, error: current.error, loading: current.loading, reload };
}
