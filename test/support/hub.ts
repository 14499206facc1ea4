// A hub on a loopback port over a test store, and a small GraphQL client for it.
import type { Database } from '../../server/db/database.js';
import { createApp, listen, type ViewerResolver } from '../../server/app.js';
import { readConfig } from '../../server/config.js';

export interface TestHub {
  url: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  close(): Promise<void>;
}

export async function startHub(db: Database, resolveViewer?: ViewerResolver): Promise<TestHub> {
  const config = { ...readConfig({}), port: 0, demo: false };
  const atlas = await createApp(db, config, resolveViewer);
  const port = await listen(atlas, 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async gql(query, variables, headers) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    async close() {
      await atlas.apollo.stop();
    },
  };
}
