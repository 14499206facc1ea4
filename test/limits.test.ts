// Limits on both stores: deep, aliased, costly and huge requests are refused with a sentence, and the hub keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';

const ORIGIN = { lon: 123.4, lat: 41.8 };
const square = (i: number) => {
  const [x, y, d] = [ORIGIN.lon + i * 0.01, ORIGIN.lat, 0.005];
  return { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] };
};

async function post(hub: TestHub, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
}

/** No stack traces, file paths or SQL in what a caller reads. */
function expectNothingInternal(text: string) {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\bSELECT\b|\bFROM\b.*\bWHERE\b|stacktrace/);
}

describe.each(STORE_KINDS)('limits on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    const features = [0, 1, 2].map((i) => ({ type: 'Feature', properties: { code: `C${i}`, name: `社区${i}`, district_code: '210102' }, geometry: square(i) }));
    await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: JSON.stringify({ type: 'FeatureCollection', features }) });
    hub = await startHub(db);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const stillAnswers = async () => {
    const ok = await hub.gql('{ communities { totalCount } }');
    expect(ok).toEqual({ data: { communities: { totalCount: 3 } } });
  };

  it('refuses a query nested 25 deep before running it', async () => {
    // communities → nodes → (district → communities) × 12 → code: 26 levels of fields.
    const chain = ['communities', 'nodes', ...Array.from({ length: 12 }, () => ['district', 'communities']).flat()];
    const deep = `{ ${chain.join(' { ')} { code ${'} '.repeat(chain.length)}}`;
    const depth = deep.split('{').length - 1;
    expect(depth).toBeGreaterThanOrEqual(25);
    const statementsBefore = db.statementCount;
    const refused = await post(hub, JSON.stringify({ query: deep }));
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.json.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(/nested too deeply \(at most 12/);
    expect(db.statementCount).toBe(statementsBefore);
    expectNothingInternal(refused.text);
    await stillAnswers();
  });

  it('refuses 500 aliased queries in one request', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: community(code: "C${i % 3}") { code areaM2 }`).join(' ');
    const refused = await post(hub, JSON.stringify({ query: `{ ${aliases} }` }));
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(/too many aliases \(at most 30\)/);
    await stillAnswers();
  });

  it('refuses a page of ten million with a sentence that says the limit', async () => {
    const refused = await hub.gql('{ communities(first: 10000000) { nodes { code } } }');
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0].message).toMatch(/first must be a whole number from 0 to 5000; got 10000000/);
    // The same page size given as a variable passes validation and is refused by the resolver.
    const asVariable = await hub.gql('query($n: Int) { communities(first: $n) { nodes { code } } }', { n: 10_000_000 });
    expect(asVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(asVariable.errors?.[0].message).toMatch(/first must be a whole number from 0 to 5000/);
    // A full page of the largest allowed size with a good number of fields is not refused by the cost limit.
    const full = await hub.gql('{ communities(first: 5000) { totalCount nodes { code name districtCode households areaM2 boundary(simplifyMeters: 5) district { code name } } } }');
    expect(full.errors).toBeUndefined();
    expect(full.data.communities.totalCount).toBe(3);
    await stillAnswers();
  });

  it('refuses a document of too many tokens and a body over 1 MiB, as JSON without internals', async () => {
    const huge = `{ ${Array.from({ length: 4000 }, () => 'communities { totalCount }').join(' ')} }`;
    const tokens = await post(hub, JSON.stringify({ query: huge }));
    expect(tokens.status).toBe(400);
    expect(tokens.text).toMatch(/more tha[nt] 15000 tokens/);
    const big = await post(hub, JSON.stringify({ query: '{ districts { code } }', variables: { padding: 'x'.repeat(1_200_000) } }));
    expect(big.status).toBe(413);
    expect(big.json.errors[0].message).toMatch(/larger than the hub accepts/);
    expectNothingInternal(big.text);
    const broken = await post(hub, '{"query": "{ districts { code } }"');
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0].message).toMatch(/not valid JSON/);
    expectNothingInternal(broken.text);
    await stillAnswers();
  });

  it('refuses a cross-site form post (CSRF) to /graphql', async () => {
    const form = await post(hub, 'query={ districts { code } }', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    const plain = await post(hub, JSON.stringify({ query: '{ districts { code } }' }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.text).toMatch(/CSRF|cross-site/i);
  });

  it('never shows a stack trace or SQL for a bad geometry or variable', async () => {
    const bad = await hub.gql('query($g: GeoJSON) { communities(intersects: $g) { totalCount } }', { g: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } });
    expect(bad.errors?.length).toBeGreaterThan(0);
    expectNothingInternal(JSON.stringify(bad));
    const wrongType = await hub.gql('query($n: Int) { communities(first: $n) { totalCount } }', { n: 'ten' });
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expectNothingInternal(JSON.stringify(wrongType));
    await stillAnswers();
  });
});
