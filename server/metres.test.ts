// checkMetres: the one check of every argument in metres.
import { describe, expect, it } from 'vitest';
import { AtlasError } from './errors.js';
import { checkMetres } from './metres.js';

describe('checkMetres', () => {
  it('accepts numbers in range and numeric text', () => {
    expect(checkMetres('withinMeters', 0)).toBe(0);
    expect(checkMetres('withinMeters', 500)).toBe(500);
    expect(checkMetres('radius', '250')).toBe(250);
  });

  it('refuses negative, infinite, non-numeric and too large values with BAD_USER_INPUT naming the argument', () => {
    for (const value of [-1, Number.NaN, Infinity, 5001, 'abc', '', null]) {
      let error: unknown;
      try {
        checkMetres('withinMeters', value);
      } catch (e) {
        error = e;
      }
      expect(error, String(value)).toBeInstanceOf(AtlasError);
      expect((error as AtlasError).extensions.code).toBe('BAD_USER_INPUT');
      expect((error as AtlasError).message).toMatch(/^withinMeters must be a distance in metres from 0 to 5000; got/);
    }
  });

  it('refuses the minimum itself when asked to', () => {
    expect(() => checkMetres('radiusMeters', 0, { aboveMin: true })).toThrow(/above 0 and at most 5000; got 0/);
    expect(checkMetres('radiusMeters', 0.5, { aboveMin: true })).toBe(0.5);
  });
});
