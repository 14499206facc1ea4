// Once the store's metric CRS is settled, the import stages a file's rows a part at a time (10,000 points) while it
// checks the next part. Still all or nothing: a problem in a later part refuses the whole file, names every problem,
// and leaves nothing behind; a code is a duplicate of the first row that used it, whichever part that row was in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { STORE_KINDS } from './support/stores.js';

const COMMUNITY = JSON.stringify({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { code: 'C1', name: 'C1' }, geometry: { type: 'Polygon', coordinates: [[[123.4, 41.8], [123.5, 41.8], [123.5, 41.9], [123.4, 41.9], [123.4, 41.8]]] } }],
});

const ROWS = 25_000;
/** 25,000 stops inside C1 (three parts); line n + 1 of the file is stop n (the header is line 1). */
function stops(edit: (line: string, index: number) => string = (line) => line): string {
  const lines = Array.from({ length: ROWS }, (_, i) => edit(`S${String(i).padStart(5, '0')},${(123.401 + (i % 500) * 0.0001).toFixed(4)},${(41.801 + Math.floor(i / 500) * 0.0001).toFixed(4)}`, i));
  return ['code,lon,lat', ...lines].join('\n');
}
// Stop 15,000 (line 15,002, second part) repeats stop 5's code; stop 22,000 (line 22,002, third part) has no latitude.
const BAD = stops((line, i) => (i === 15_000 ? line.replace(/^S\d+/, 'S00005') : i === 22_000 ? line.replace(/,[^,]+$/, ',north') : line));

describe.each(STORE_KINDS)('a file staged in parts, into the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
    // The first import settles the store's metric CRS; the stops below are then staged as they are checked.
    await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: COMMUNITY });
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('refuses the whole file for problems in its later parts, names both, and writes nothing', async () => {
    const error = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: BAD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    const problems = (error as ImportRefusedError).problems.map((p) => [p.row, p.field]);
    expect(problems).toEqual([[15_002, 'code'], [22_002, 'geometry']]);
    expect((error as Error).message).toMatch(/stops\.csv: row 15002, field "code": code "S00005" is already used by row 7/);
    const { rows } = await db.query(`SELECT (SELECT count(*) FROM bus_stops)::int AS stops, (SELECT status FROM import_runs WHERE file_name = 'stops.csv') AS status`);
    expect(rows[0]).toEqual({ stops: 0, status: 'failed' });
  }, 120_000);

  it('with skipInvalid writes the good rows of every part, linked', async () => {
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: BAD, skipInvalid: true });
    expect(summary).toMatchObject({ rowsRead: ROWS, rowsWritten: ROWS - 2, rowsRefused: 2 });
    expect(summary.rejected.map((r) => r.row)).toEqual([15_002, 22_002]);
    const { rows } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE community_code = 'C1')::int AS linked, count(DISTINCT code)::int AS codes FROM bus_stops`);
    expect(rows[0]).toEqual({ n: ROWS - 2, linked: ROWS - 2, codes: ROWS - 2 });
  }, 120_000);
});
