// The statements that differ on a store whose areas are distributed by district (Citus), and the keys they name.
import { describe, expect, it } from 'vitest';
import { codeConflictTarget, forStore } from './distribution.js';

const CITUS = new Set(['communities', 'grid_cells', 'renovation_sites']);
const PLAIN = new Set<string>();

describe('forStore', () => {
  const sql = `SELECT count(*) FROM grid_cells g WHERE g.community_code = t.code
    AND g.district_code = t.district_code -- where distributed
) grid ON true`;

  it('keeps the district beside a join of areas where the areas are distributed, without the marker', () => {
    expect(forStore(sql, CITUS)).toBe(`SELECT count(*) FROM grid_cells g WHERE g.community_code = t.code
    AND g.district_code = t.district_code
) grid ON true`);
  });

  it('leaves the statement as it was on a plain store', () => {
    expect(forStore(sql, PLAIN)).toBe(`SELECT count(*) FROM grid_cells g WHERE g.community_code = t.code
) grid ON true`);
  });
});

describe('codeConflictTarget', () => {
  it('names the distribution column in a distributed table\'s key only', () => {
    expect(codeConflictTarget('communities', CITUS)).toBe('(district_code, code)');
    expect(codeConflictTarget('bus_stops', CITUS)).toBe('(code)');
    expect(codeConflictTarget('communities', PLAIN)).toBe('(code)');
  });
});
