// Counting changes per layer and kind, and which belong to a district, on changes written out here.
import { describe, expect, it } from 'vitest';
import type { ChangeLayer, ChangePage, FeatureChangeFacts } from '../api/changes-query';
import { countChanges, inDistrict } from './change-counts';

const change = (layer: string, code: string, kind: FeatureChangeFacts['kind'], before: string | null, after: string | null): FeatureChangeFacts => ({
  kind, layer, code, version: '2', at: '2026-12-01T00:00:00Z',
  attributesBefore: before === null ? null : { district_code: before },
  attributesAfter: after === null ? null : { district_code: after },
});

describe('change counts', () => {
  const byLayer = new Map<ChangeLayer, ChangePage>([
    ['bus-stops', { nodes: [change('bus-stops', 'A', 'ADDED', null, '210102'), change('bus-stops', 'B', 'CHANGED', '210102', '210103'), change('bus-stops', 'C', 'REMOVED', '210103', null), change('bus-stops', 'D', 'ADDED', null, '210103')], endCursor: null }],
    ['communities', { nodes: [], endCursor: null }],
    ['districts', { nodes: [change('districts', '210102', 'CHANGED', null, null)], endCursor: 'more' }],
  ]);

  it('counts every kind of every layer that changed, and says which answers were cut short', () => {
    expect(countChanges(byLayer)).toEqual([
      { layer: 'bus-stops', counts: { ADDED: 2, CHANGED: 1, REMOVED: 1 }, truncated: false },
      { layer: 'districts', counts: { ADDED: 0, CHANGED: 1, REMOVED: 0 }, truncated: true },
    ]);
  });

  it('counts in a district what lay there before or lies there after, and a district as its own', () => {
    expect(inDistrict(change('bus-stops', 'B', 'CHANGED', '210102', '210103'), '210102')).toBe(true);
    expect(countChanges(byLayer, '210102')).toEqual([
      { layer: 'bus-stops', counts: { ADDED: 1, CHANGED: 1, REMOVED: 0 }, truncated: false },
      { layer: 'districts', counts: { ADDED: 0, CHANGED: 1, REMOVED: 0 }, truncated: true },
    ]);
    expect(countChanges(byLayer, '210104')).toEqual([{ layer: 'districts', counts: { ADDED: 0, CHANGED: 0, REMOVED: 0 }, truncated: true }]);
  });
});
