// Tile ETags trust a data version for a moment, but never past a change this process made.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataVersionTag, VERSION_TRUST_MS } from '../server/tiles/tile-versions.js';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';

describe.each(STORE_KINDS)('data version tags on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  // Each test imports into the store and counts its statements: a store of its own, so either passes alone.
  beforeEach(async () => {
    db = await kind.open();
  }, 180_000);
  afterEach(async () => db?.dispose());

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

  it('reads every layer set of a map view in one statement, and names each set by its own layers only', async () => {
    const now = Date.now() + 10 * VERSION_TRUST_MS;
    const before = db.statementCount;
    const [stops, cameras, both, again] = await Promise.all([
      dataVersionTag(db, ['bus-stops'], now),
      dataVersionTag(db, ['cameras'], now),
      dataVersionTag(db, ['cameras', 'bus-stops'], now),
      dataVersionTag(db, ['bus-stops'], now + 1),
    ]);
    expect(db.statementCount - before).toBe(1);
    expect(again).toBe(stops);
    expect(both).toBe(`${stops}.${cameras}`);

    await importFile(db, { layer: 'cameras', fileName: 'cameras.csv', content: 'code,lon,lat\nK1,123.4,41.8\n' });
    expect(await dataVersionTag(db, ['bus-stops'], now + 2)).toBe(stops);
    expect(await dataVersionTag(db, ['cameras'], now + 3)).not.toBe(cameras);
  });
});
