// The DBF reader against DBFs written by GDAL (test/data/shapefile/README.md): each record's values as the GeoJSON GDAL
// was given, in GBK found without a .cpg and in UTF-8 named by one; and a damaged DBF named with what to do.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import AdmZip from 'adm-zip';
import { parseShapefile } from './parse-shapefile.js';

const DATA = new URL('../../test/data/shapefile/', import.meta.url);
const read = (name: string) => fs.readFileSync(new URL(name, DATA));
const source = JSON.parse(read('communities.geojson').toString('utf8')) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[] } }[] };

/** What each record must read as: the GeoJSON's values, with a date as the local midnight `shapefile` gives and GDAL's boolean as its 0/1. */
const expected = source.features.map(({ properties: p }) => ({
  code: p.code,
  name: p.name,
  households: p.households,
  area_m2: p.area_m2,
  built: p.built === null ? null : new Date(Number(String(p.built).slice(0, 4)), Number(String(p.built).slice(5, 7)) - 1, Number(String(p.built).slice(8, 10))),
  checked: p.checked === null ? null : p.checked ? 1 : 0,
}));

describe('parseShapefile, the DBF reader', () => {
  for (const [file, encoding, origin] of [['communities-gbk-no-cpg.zip', 'gb18030', 'detected'], ['communities-utf8.zip', 'utf-8', 'from the .cpg']] as const) {
    it(`reads GDAL's ${file} (${encoding}, ${origin}) as the GeoJSON it was written from`, async () => {
      const shapefile = await parseShapefile(read(file), file);
      expect(shapefile.encoding).toBe(encoding);
      expect(shapefile.notes[0]).toBe(`DBF text read as ${encoding} (${origin})`);
      expect(shapefile.rows.map((r) => r.row)).toEqual([1, 2, 3]);
      expect(shapefile.rows.map((r) => r.properties)).toEqual(expected);
      expect(shapefile.rows.map((r) => (r.geometry as { coordinates: number[] }).coordinates)).toEqual(source.features.map((f) => f.geometry.coordinates));
    });
  }

  it('decodes as told when --encoding overrides the .cpg', async () => {
    const shapefile = await parseShapefile(read('communities-gbk-no-cpg.zip'), 'x.zip', 'gbk');
    expect(shapefile.rows[1].properties.name).toBe('沈河区北站社区');
    expect(shapefile.notes[0]).toBe('DBF text read as gbk (--encoding)');
  });

  it('names a DBF with a field of a type it does not know, and says what to do', async () => {
    const zip = new AdmZip(read('communities-utf8.zip'));
    const dbf = Buffer.from(zip.getEntry('communities.dbf')!.getData());
    dbf[32 + 11] = 'Q'.charCodeAt(0); // the first field descriptor's type byte
    zip.updateFile('communities.dbf', dbf);
    await expect(parseShapefile(zip.toBuffer(), 'broken.zip')).rejects.toThrow(/communities\.shp could not be read \(the \.dbf has a field of unknown type "Q"\)/);
  });
});
