// Tile ETags trust a data version for a moment, but never past a change this process made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersionTag, VERSION_TRUST_MS } from '../server/tiles/tile-versions.js';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';

describe.each(STORE_KINDS)('data version tags on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('reads the store once per moment, again after an import here, and again once the moment has passed', async () => {
    const now = Date.now();
    const before = db.statementCount;
    const first = await dataVersionTag(db, ['bus-stops'], now);
    expect(await dataVersionTag(db, ['bus-stops'], now + 10)).toBe(first);
    expect(db.statementCount - before).toBe(1);

    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: 'code,lon,lat\nS1,123.4,41.8\n' });
    const afterImport = await dataVersionTag(db, ['bus-stops'], now + 20);
    expect(afterImport).not.toBe(first);

    const counted = db.statementCount;
    await dataVersionTag(db, ['bus-stops'], now + 20 + VERSION_TRUST_MS + 1);
    expect(db.statementCount - counted).toBe(1);
  });
});
