// Keeps the page state in the URL hash (replaceState, so the back button is not flooded) and follows hash edits.
import { useCallback, useEffect, useState } from 'react';
import { formatUrlState, parseUrlState, type UrlState } from './url-state';

export function useUrlState(): [UrlState, (change: Partial<UrlState>) => void] {
  const [state, setState] = useState<UrlState>(() => parseUrlState(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setState(parseUrlState(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const update = useCallback((change: Partial<UrlState>) => {
    setState((previous) => {
      const next = { ...previous, ...change };
      const hash = formatUrlState(next);
      if (hash !== window.location.hash) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
      return next;
    });
  }, []);
  return [state, update];
}
