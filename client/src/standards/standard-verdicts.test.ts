// The failing standards as sentences: what fails and by how much, in words.
import { describe, expect, it } from 'vitest';
import { verdictOf } from './standard-verdicts';

describe('verdictOf', () => {
  it('says how many grid cells have no worker, not "1 个网格 ≤ 0 个网格 −1"', () => {
    const facts = { ruleId: 'grid-one-worker', value: 1, shortfall: 1, unit: 'grid cells' };
    expect(verdictOf(facts, false, 'zh')).toBe('1 个网格没有网格员');
    expect(verdictOf(facts, false, 'en')).toBe('1 grid cell has no worker');
  });

  it('says how much of the area is beyond 500 m of a stop', () => {
    expect(verdictOf({ ruleId: 'bus-stop-500m', value: 0.75, shortfall: 0.25, unit: 'share' }, false, 'en')).toMatch(/^25(\.0)? ?% of the area is more than 500 m from a bus stop$/);
  });

  it('says nothing for a pass or missing data', () => {
    expect(verdictOf({ ruleId: 'grid-one-worker', value: 0, shortfall: 0, unit: 'grid cells' }, true, 'zh')).toBeNull();
    expect(verdictOf({ ruleId: 'grid-one-worker', value: null, shortfall: null, unit: 'grid cells' }, null, 'zh')).toBeNull();
  });
});
