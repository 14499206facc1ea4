// The data version printed on reports: the version tag the hub puts on its community tiles (it changes with every import).
import { useEffect, useState } from 'react';

export function useDataVersion(token: string | null): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/tiles/communities/0/0/0.mvt', { method: 'HEAD', headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal })
      .then((response) => setVersion(response.headers.get('etag')?.replace(/^W\//, '').replace(/"/g, '').slice(0, 10) ?? null))
      .catch(() => undefined);
    return () => controller.abort();
  }, [token]);
  return version;
}
