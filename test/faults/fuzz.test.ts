// A few hundred malformed inputs from a seeded generator: no crash, a clear error each time, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../support/stores.js';
import { startHub, type TestHub } from '../support/hub.js';
import { asRole, testViewerResolver } from '../support/auth.js';
import { layerCounts, loadCity } from './support/city.js';
import { graphqlCase, seeded, tileCase, uploadCase } from './support/fuzz-inputs.js';

const SEED = 20_240_601;
const STACK_OR_SQL = /\n\s+at |node_modules|\.ts:\d+|\bSELECT\b|\bINSERT INTO\b|<!DOCTYPE|<html/i;

describe.each(STORE_KINDS)('fuzzing the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await loadCity(db, 4);
    hub = await startHub(db, testViewerResolver);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('answers 300 malformed uploads, documents and tile addresses with clear errors and writes nothing', async () => {
    const random = seeded(SEED);
    const countsBefore = await layerCounts(db);
    const versionsBefore = (await db.query('SELECT layer, version FROM layer_versions ORDER BY layer')).rows;
    const problems: string[] = [];
    const tally: Record<string, number> = {};
    const admin = asRole('admin');
    for (let i = 0; i < 300; i++) {
      const roll = random();
      let label: string;
      let response: Response;
      if (roll < 0.4) {
        const upload = uploadCase(random);
        label = `#${i} ${upload.kind} → ${upload.layer}`;
        response = await fetch(`${hub.url}/api/import/${upload.layer}?fileName=${upload.fileName}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...admin }, body: new Uint8Array(upload.body) });
      } else if (roll < 0.8) {
        const doc = graphqlCase(random);
        label = `#${i} ${doc.kind}: ${doc.body.slice(0, 120)}`;
        response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...asRole('analyst') }, body: doc.body });
      } else {
        const address = tileCase(random);
        label = `#${i} tile ${address}`;
        response = await fetch(`${hub.url}${address}`, { headers: asRole('analyst') });
      }
      const text = await response.text();
      tally[response.status] = (tally[response.status] ?? 0) + 1;
      let message: string | undefined;
      try {
        const body = JSON.parse(text);
        // GraphQL and most routes answer { errors: [{ message }] }; the tile routes answer { error: { message } }.
        message = body.errors?.[0]?.message;
      } catch {
        /* not JSON: reported below */
      }
      // A refusal is a 4xx, or a GraphQL 200 that carries errors and no data; never a 5xx, never silence, never internals.
      const refused = (response.status >= 400 && response.status < 500) || (response.status === 200 && message !== undefined);
      if (!refused) problems.push(`${label}: status ${response.status}, ${text.slice(0, 200)}`);
      else if (!message || message.length < 15) problems.push(`${label}: no sentence (${response.status} ${text.slice(0, 200)})`);
      if (STACK_OR_SQL.test(text)) problems.push(`${label}: internals in the answer: ${text.slice(0, 300)}`);
    }
    console.log(`fuzz on ${kind.name}: statuses`, tally);
    expect(problems).toEqual([]);
    expect(await layerCounts(db)).toEqual(countsBefore);
    expect((await db.query('SELECT layer, version FROM layer_versions ORDER BY layer')).rows).toEqual(versionsBefore);
    const after = await hub.gql('{ communities { totalCount } }');
    expect(after).toEqual({ data: { communities: { totalCount: 16 } } });
  });
});
