// The GraphQL explorer at /explorer: GraphiQL bundled from npm, talking to this hub with the signed-in token.
import { useMemo, type ComponentProps } from 'react';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { useLanguage } from '../i18n/useLanguage';
import { useToken } from '../state/useToken';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const EXAMPLE = `# The ten communities least covered by bus stops (500 m)
query WorstCovered {
  coverageRanking(kind: BUS_STOPS, first: 10) {
    nodes { code name districtCode coverage { coveredShare uncoveredAreaM2 nearestMeters } }
  }
}
`;

export default function ExplorerPage() {
  const { t } = useLanguage();
  const [token] = useToken();
  const fetcher = useMemo<Fetcher>(
    () => async (params, options) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(options?.headers as Record<string, string> | undefined) };
      if (token && !headers.authorization && !headers.Authorization) headers.authorization = `Bearer ${token}`;
      const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
      return response.json();
    },
    [token],
  );
  return (
    <div className="explorer">
      <header className="explorer-header">
        <a href="/">← {t('appTitle')}</a>
        <span className="hint">
          {t('explorer')} · {token ? t('signedInAs') : t('anonymous')}
        </span>
      </header>
      <div className="explorer-body">
        <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} />
      </div>
    </div>
  );
}
