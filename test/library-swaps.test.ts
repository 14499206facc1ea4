// What the kept libraries now do in the hub's place: the token cache (lru-cache, jsonwebtoken's `exp`) and the demo
// city's CSV writer (csv-stringify), checked against truths written here and against csv-parse reading the files back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import jwt from 'jsonwebtoken';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { signToken, verifyTokenExpiry } from '../server/auth/token.js';
import { createViewerResolver } from '../server/auth/viewer.resolver.js';
import { writeCsv } from '../server/seed/files.js';

const SECRET = 'a-secret-for-the-library-swap-tests-0123456789';
const withToken = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as unknown as http.IncomingMessage;

describe('the token cache', () => {
  it('gives the expiry jsonwebtoken verified, in milliseconds, and none for a token without exp', () => {
    const before = Math.floor(Date.now() / 1000);
    const { viewer, expiresAtMs } = verifyTokenExpiry(signToken({ role: 'official', districtCode: '210102', days: 2 }, SECRET), SECRET);
    expect(viewer).toEqual({ role: 'official', districtCode: '210102' });
    expect(expiresAtMs! / 1000 - before).toBeGreaterThanOrEqual(2 * 86_400);
    expect(expiresAtMs! / 1000 - before).toBeLessThanOrEqual(2 * 86_400 + 2);
    const endless = jwt.sign({ role: 'analyst' }, SECRET, { algorithm: 'HS256', issuer: 'shequ-atlas' });
    expect(verifyTokenExpiry(endless, SECRET)).toEqual({ viewer: { role: 'analyst' }, expiresAtMs: undefined });
  });

  it('answers a kept token from the cache until it expires, then refuses it as expired', async () => {
    const resolve = createViewerResolver(SECRET);
    const token = signToken({ role: 'analyst', days: 1 / 86_400 }, SECRET); // one second
    const first = await resolve(withToken(token));
    expect(first).toEqual({ role: 'analyst' });
    expect(await resolve(withToken(token))).toBe(first); // the same frozen object: a cache hit
    expect(Object.isFrozen(first)).toBe(true);
    const exp = (jwt.decode(token) as { exp: number }).exp * 1000;
    await new Promise((r) => setTimeout(r, exp - Date.now() + 50));
    expect(() => resolve(withToken(token))).toThrow(/expired/);
  });

  it('never keeps a token that fails to verify', () => {
    const resolve = createViewerResolver(SECRET);
    const forged = signToken({ role: 'admin' }, 'another-secret-of-at-least-thirty-two-chars');
    for (let i = 0; i < 2; i++) expect(() => resolve(withToken(forged))).toThrow(/not valid/);
  });
});

describe('the demo city CSV writer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-csv-'));

  it('writes the header and one line per row, quoting only what needs it', () => {
    const file = writeCsv(path.join(dir, 'a.csv'), ['code', 'name', 'routes', 'lon'], [
      { code: 'S1', name: '沈阳站', routes: '2路;5路', lon: 123.4 },
      { code: 'S2', name: 'a,b', routes: 'say "hi"', lon: null },
      { code: 'S3', name: 'line\nbreak', routes: 'cr\rhere', lon: undefined },
      { code: 'S4', name: true, routes: false, lon: -0.5 },
    ]);
    const expected = 'code,name,routes,lon\nS1,沈阳站,2路;5路,123.4\nS2,"a,b","say ""hi""",\nS3,"line\nbreak","cr\rhere",\nS4,true,false,-0.5\n';
    expect(file.content.toString('utf8')).toBe(expected);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(expected);
    expect(file).toMatchObject({ rows: 4, bytes: Buffer.byteLength(expected) });
  });

  it('writes only the header for no rows', () => {
    expect(writeCsv(path.join(dir, 'b.csv'), ['code', 'lon', 'lat'], []).content.toString()).toBe('code,lon,lat\n');
  });

  it('reads back through csv-parse as the rows it was given, for generated awkward text', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'Z', '中', '文', ',', '"', '\n', '\r', ' ', ';', '9', "'", '\t'];
    const text = () => Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const rows = Array.from({ length: 500 }, (_, i) => ({ code: `C${i}`, name: text(), operator: text() }));
    const file = writeCsv(path.join(dir, 'c.csv'), ['code', 'name', 'operator'], rows);
    const back = parse(file.content, { columns: true, record_delimiter: '\n' }) as Record<string, string>[];
    expect(back).toEqual(rows);
  });
});
