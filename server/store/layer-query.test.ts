// The layer SQL builder: every value the caller sends travels as a $n parameter, never in the SQL text; page sizes are bounded.
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../layers.js';
import { signToken, verifyToken } from '../auth/token.js';
import { ANONYMOUS } from '../auth/viewer.js';
import { encodeCursor } from './cursor.js';
import { DEFAULT_PAGE_SIZE, listQueries, MAX_PAGE_SIZE, pageSize, whereClause } from './layer-query.js';

const SECRET = 'layer-query-test-secret-0123456789abcdef';
const official = verifyToken(signToken({ role: 'official', districtCode: "210102' OR '1'='1" }, SECRET), SECRET);
const analyst = verifyToken(signToken({ role: 'analyst' }, SECRET), SECRET);

// Values a caller might send to break out of a string or a placeholder.
const HOSTILE = ["x'; DROP TABLE communities; --", 'a"b', '$99 OR true', '\\', '%_', '社区\u0000'];

/** The placeholders of a SQL text are exactly $1..$n, each used, for n values. */
function expectPlaceholders(text: string, values: unknown[]) {
  const used = new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
}

describe('listQueries', () => {
  for (const hostile of HOSTILE) {
    it(`sends ${JSON.stringify(hostile)} as a parameter in every filter, never in the SQL`, () => {
      const filters = {
        code: hostile, codes: [hostile, 'B'], nameContains: hostile, districtCode: hostile, communityCode: hostile,
        after: encodeCursor(hostile), first: 10, bbox: [123, 41, 124, 42], near: { lon: 123.4, lat: 41.8, withinMeters: 300 },
      };
      for (const viewer of [analyst, official]) {
        const { page, count } = listQueries(LAYERS['grid-cells'], { ...filters, communityCode: hostile, districtCode: undefined }, viewer, {}, true);
        const { page: stops } = listQueries(LAYERS['bus-stops'], { ...filters, communityCode: undefined, districtCode: undefined }, viewer);
        const { page: areas } = listQueries(LAYERS.communities, filters, viewer);
        for (const query of [page, count, stops, areas]) {
          expect(query.text).not.toContain(hostile);
          expect(query.text).not.toContain("210102'");
          expectPlaceholders(query.text, query.values);
        }
        expect(areas.values).toContain(hostile);
        expect(areas.values).toContainEqual([hostile, 'B']);
      }
    });
  }

  it('escapes LIKE wildcards in nameContains, so % and _ match themselves', () => {
    const values: unknown[] = [];
    whereClause(LAYERS.communities, { nameContains: '50%_a\\' }, analyst, values);
    expect(values).toEqual(['%50\\%\\_a\\\\%']);
  });

  it('asks for one row more than the page, to know whether another follows', () => {
    const { page, size } = listQueries(LAYERS.communities, { first: 7 }, analyst);
    expect(size).toBe(7);
    expect(page.values.at(-1)).toBe(8);
    expect(page.text).toMatch(new RegExp(`LIMIT \\$${page.values.length}$`));
  });

  it('gives the public no camera row, in SQL', () => {
    const { page } = listQueries(LAYERS.cameras, {}, ANONYMOUS);
    expect(page.text).toMatch(/WHERE false/);
  });

  it('refuses a cursor that is not one of its own', () => {
    expect(() => listQueries(LAYERS.communities, { after: 'not a cursor' }, analyst)).toThrow(/pageInfo.endCursor/);
  });
});

describe('pageSize', () => {
  it(`is ${DEFAULT_PAGE_SIZE} when not given and any whole number from 0 to ${MAX_PAGE_SIZE}`, () => {
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    for (const first of [0, 1, MAX_PAGE_SIZE]) expect(pageSize(first)).toBe(first);
  });
  it('refuses what is outside, with the bound and what to do', () => {
    for (const first of [-1, MAX_PAGE_SIZE + 1, 2.5, Number.NaN]) {
      expect(() => pageSize(first), String(first)).toThrow(`first must be a whole number from 0 to ${MAX_PAGE_SIZE}; got ${first}. Page through larger lists with \`after\`.`);
    }
  });
});
