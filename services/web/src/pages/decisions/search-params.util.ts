import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The page's URL query as its state: `get(name)` reads one parameter, `set({name: value})` changes some (undefined or
 * empty removes one) and keeps the others; `replace` keeps the history clean for typing in filters.
 */
export function useQueryState(): {
  params: URLSearchParams;
  get(name: string): string | undefined;
  set(changes: Record<string, string | undefined>, options?: { replace?: boolean }): void;
} {
  const [params, setParams] = useSearchParams();
  const get = useCallback((name: string) => params.get(name) ?? undefined, [params]);
  const set = useCallback(
    (changes: Record<string, string | undefined>, options?: { replace?: boolean }) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') {
              next.delete(key);
            } else {
              next.set(key, value);
            }
          }
          return next;
        },
        { replace: options?.replace ?? false },
      );
    },
    [setParams],
  );
  return { params, get, set };
}

/** A non-negative integer from the query, else `fallback`. */
export function intParam(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d+$/.test(value)) {
    return fallback;
  }
  return Number(value);
}
