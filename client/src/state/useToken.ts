// The sign-in token pasted by the user (or brought by the hub's sign-in link), kept in localStorage; null means anonymous.
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'atlas.token';

/** Keeps a token (trimmed; empty signs out) where every page of the hub reads it; returns what was kept. */
export function storeToken(next: string | null): string | null {
  const trimmed = next?.trim() || null;
  if (trimmed) localStorage.setItem(STORAGE_KEY, trimmed);
  else localStorage.removeItem(STORAGE_KEY);
  return trimmed;
}

export function useToken(): [string | null, (token: string | null) => void] {
  const [token, setTokenState] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const setToken = useCallback((next: string | null) => setTokenState(storeToken(next)), []);
  return [token, setToken];
}
