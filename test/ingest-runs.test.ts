// Every import run is recorded, failed ones too, with a reason a person can read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { READABLE_MAX_CHARS } from '../server/ingest/readable-text.js';
import { STORE_KINDS } from './support/stores.js';

/** The start of a Shapefile's .shp: a big-endian file code, NULs, a little-endian shape type, then doubles. */
function bareShp(): Buffer {
  const bytes = Buffer.alloc(60_000);
  bytes.writeInt32BE(9994, 0);
  bytes.writeInt32BE(bytes.length / 2, 24);
  bytes.writeInt32LE(1000, 28);
  bytes.writeInt32LE(1, 32);
  for (let i = 100; i + 8 <= bytes.length; i += 8) bytes.writeDoubleLE(123.4 + i / 1e6, i);
  return bytes;
}

describe.each(STORE_KINDS)('import runs on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('records a failed run whose reason quotes bytes that are not text, readably', async () => {
    const refusal = await importFile(db, { layer: 'bus-stops', fileName: 'stops.shp', content: Buffer.concat([Buffer.from('名\u0000称,经\u0001度\n'), bareShp()]) }).catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(Error);
    const { rows } = await db.query<{ status: string; message: string; problems: { message: string }[] }>(
      `SELECT status, message, problems FROM import_runs WHERE file_name = 'stops.shp'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('failed');
    expect(rows[0].message).toContain('stops.shp');
    // No NUL or other control byte, and bounded: the limit plus the note on what was cut.
    expect(rows[0].message).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(rows[0].message.length).toBeLessThanOrEqual(READABLE_MAX_CHARS + 40);
    for (const problem of rows[0].problems) expect(problem.message).not.toMatch(/\u0000/);
  });
});
