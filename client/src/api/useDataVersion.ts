// The date and time of the data printed on reports: when the data last changed (Query.dataChangedAt), as a person reads it.
import { DataVersionDocument } from '../gql/graphql';
import { useGraphQL } from './useGraphQL';

export function useDataVersion(token: string | null): string | null {
  // Asked of the hub each time (never the cache): a report prints the data's age as it is now.
  const { data } = useGraphQL(DataVersionDocument, {}, token, 1);
  return data?.dataChangedAt ?? null;
}
