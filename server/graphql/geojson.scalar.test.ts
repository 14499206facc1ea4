// The response stringifier: for random responses holding PostGIS GeoJSON texts anywhere, what it writes parses to what
// JSON.stringify (which parses each text) gives, whatever strings, markers or NULs the response holds around them.
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../seed/random.js';
import { RawGeoJSON, stringifyResponse } from './geojson.scalar.js';


// Strings chosen to look like the stringifier's own markers, or to need escaping.
const STRINGS = ['', '站', '"', '\\', '\u0000', '\u00001.abc:0', '"\\u0000', '\u2028', '{"type":"Point"}', 'a\nb', '\u0000x:99'];

function geometry(next: () => number): RawGeoJSON {
  const point = () => [Number((next() * 360 - 180).toFixed(7)), Number((next() * 180 - 90).toFixed(7))];
  const kind = Math.floor(next() * 3);
  const value = kind === 0 ? { type: 'Point', coordinates: point() }
    : kind === 1 ? { type: 'LineString', coordinates: [point(), point()] }
    : { type: 'MultiPolygon', coordinates: [] };
  return new RawGeoJSON(JSON.stringify(value));
}

function document(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.3) {
    const leaf = Math.floor(next() * 6);
    if (leaf === 0) return geometry(next);
    if (leaf === 1) return STRINGS[Math.floor(next() * STRINGS.length)];
    if (leaf === 2) return Math.floor(next() * 1e6) / 7;
    if (leaf === 3) return null;
    if (leaf === 4) return next() < 0.5;
    return undefined;
  }
  if (r < 0.6) return Array.from({ length: Math.floor(next() * 5) }, () => document(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(next() * 5); i++) object[STRINGS[Math.floor(next() * STRINGS.length)] + i] = document(next, depth + 1);
  return object;
}

describe('stringifyResponse', () => {
  it('parses back to what JSON.stringify gives, for 5,000 random responses', () => {
    const next = random(7);
    let spliced = 0;
    for (let i = 0; i < 5000; i++) {
      const response = { data: document(next, 0) };
      const ours = stringifyResponse(response);
      expect(ours.endsWith('\n')).toBe(true);
      const truth = JSON.stringify(response);
      expect(JSON.parse(ours), `response ${i}: ${truth}`).toEqual(JSON.parse(truth));
      if (truth.includes('"type"')) spliced++;
    }
    expect(spliced).toBeGreaterThan(1000);
  });

  it('splices the text as PostGIS wrote it, without parsing its numbers', () => {
    const text = '{"type":"Point","coordinates":[123.4000000,41.8000000]}';
    expect(stringifyResponse({ data: { location: new RawGeoJSON(text) } })).toBe(`{"data":{"location":${text}}}\n`);
  });

  it('leaves a string that looks like its marker as the string it is', () => {
    const marker = '\u00001.x:0';
    const out = stringifyResponse({ data: { a: marker, b: new RawGeoJSON('{"type":"MultiPolygon","coordinates":[]}') } });
    expect(JSON.parse(out)).toEqual({ data: { a: marker, b: { type: 'MultiPolygon', coordinates: [] } } });
  });
});
