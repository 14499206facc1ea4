// The GraphQL-over-HTTP spec: graphql-http's audit of /graphql reports no MUST failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditServer } from 'graphql-http';
import { Database } from '../server/db/database.js';
import { startHub, type TestHub } from './support/hub.js';

describe('GraphQL over HTTP', () => {
  let db: Database;
  let hub: TestHub;
  beforeAll(async () => {
    db = await Database.open({});
    hub = await startHub(db);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.close();
  });

  it('passes every MUST of the audit', async () => {
    const results = await auditServer({ url: `${hub.url}/graphql` });
    const failedMusts = results.filter((result) => result.status === 'error' || (result.name.startsWith('MUST') && result.status !== 'ok'));
    expect(failedMusts.map((r) => `${r.name}: ${r.status === 'ok' ? '' : r.reason}`)).toEqual([]);
    // Sanity: the audit did run its MUSTs.
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });
});
