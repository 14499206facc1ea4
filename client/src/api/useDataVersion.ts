// The date and time of the data printed on reports: when the data last changed (Query.dataChangedAt), as a person reads it.
import { useEffect, useState } from 'react';
import { graphqlRequest } from './graphql';

export function useDataVersion(token: string | null): string | null {
  const [changedAt, setChangedAt] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    graphqlRequest<{ dataChangedAt: string | null }>('{ dataChangedAt }', {}, token, controller.signal)
      .then((data) => setChangedAt(data.dataChangedAt))
      .catch(() => undefined);
    return () => controller.abort();
  }, [token]);
  return changedAt;
}
