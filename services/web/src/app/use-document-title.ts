import { useEffect } from 'react';

/** Sets the tab title to `<title> · Anvil`. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Anvil` : 'Anvil';
  }, [title]);
}
