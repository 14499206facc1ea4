// The view's selection: URL form both ways, and the times it counts from, worked out by hand in city time (UTC+8).
import { describe, expect, it } from 'vitest';
import { changeVariables, formatChangeSelection, parseChangeSelection, recentMonths, sinceTimeOf } from './change-selection';

describe('change selection', () => {
  it('reads and writes the URL form, and falls back to last month for anything else', () => {
    for (const text of ['v:41', 'm:2026-11']) expect(formatChangeSelection(parseChangeSelection(text))).toBe(text);
    for (const text of [null, '', 'v:', 'v:4a', 'm:2026-13', 'm:2026-1', 'x:3']) expect(parseChangeSelection(text)).toEqual({ kind: 'lastMonth' });
    expect(formatChangeSelection({ kind: 'lastMonth' })).toBeNull();
  });

  it('counts last month from midnight of the same city day a month ago, clamped to a shorter month', () => {
    // 2026-12-02 01:00 UTC is 09:00 on 2 December in Shenyang.
    expect(sinceTimeOf({ kind: 'lastMonth' }, new Date('2026-12-02T01:00:00Z'))).toBe('2026-11-02T00:00:00+08:00');
    // 2026-03-30 20:00 UTC is already 31 March in the city; February 2026 has 28 days.
    expect(sinceTimeOf({ kind: 'lastMonth' }, new Date('2026-03-30T20:00:00Z'))).toBe('2026-02-28T00:00:00+08:00');
    expect(sinceTimeOf({ kind: 'lastMonth' }, new Date('2027-01-15T00:00:00Z'))).toBe('2026-12-15T00:00:00+08:00');
    expect(sinceTimeOf({ kind: 'month', month: '2026-07' }, new Date())).toBe('2026-07-01T00:00:00+08:00');
    expect(sinceTimeOf({ kind: 'version', id: '5' }, new Date())).toBeNull();
  });

  it('lists the recent months across a new year, and names one version or a time to the API', () => {
    expect(recentMonths(new Date('2027-01-31T18:00:00Z'), 3)).toEqual(['2027-02', '2027-01', '2026-12']);
    expect(recentMonths(new Date('2027-01-10T00:00:00Z'), 2)).toEqual(['2027-01', '2026-12']);
    expect(changeVariables({ kind: 'version', id: '7' }, new Date())).toEqual({ version: '7' });
    expect(changeVariables({ kind: 'month', month: '2026-10' }, new Date())).toEqual({ sinceTime: '2026-10-01T00:00:00+08:00' });
  });
});
