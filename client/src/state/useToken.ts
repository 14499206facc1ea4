// The sign-in token pasted by the user, kept in localStorage; null means anonymous.
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'atlas.token';

export function useToken(): [string | null, (token: string | null) => void] {
  const [token, setTokenState] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const setToken = useCallback((next: string | null) => {
    const trimmed = next?.trim() || null;
    if (trimmed) localStorage.setItem(STORAGE_KEY, trimmed);
    else localStorage.removeItem(STORAGE_KEY);
    setTokenState(trimmed);
  }, []);
  return [token, setToken];
}
