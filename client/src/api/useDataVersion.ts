// The data version shown on printed reports: the hub's TileJSON version of the communities layer (bumped by every import).
import { useEffect, useState } from 'react';

export function useDataVersion(token: string | null): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    fetch('/tiles/communities.json', { headers, signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) return null;
        const body = (await response.json()) as { version?: unknown; data_version?: unknown };
        const fromBody = body.data_version ?? body.version;
        return typeof fromBody === 'string' || typeof fromBody === 'number' ? String(fromBody) : response.headers.get('etag');
      })
      .then((value) => setVersion(value))
      .catch(() => undefined);
    return () => controller.abort();
  }, [token]);
  return version;
}
