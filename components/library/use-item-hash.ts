/**
 * The open item lives in the URL (`#item=<id>`), so a reload, a bookmark or the back button
 * brings the monitor back to the same item.
 */
import { useCallback, useSyncExternalStore } from 'react';

function read(): string | null {
  const m = /(?:^#|&)item=([^&]+)/.exec(location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useItemHash(): [string | null, (id: string | null) => void] {
  const id = useSyncExternalStore(subscribe, read);
  const setId = useCallback((next: string | null) => {
    if (next === read()) return;
    if (next) {
      location.hash = `item=${encodeURIComponent(next)}`;
    } else {
      // Closing keeps the address clean (no dangling "#"); pushState fires no hashchange itself.
      history.pushState(null, '', location.pathname + location.search);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  }, []);
  return [id, setId];
}
