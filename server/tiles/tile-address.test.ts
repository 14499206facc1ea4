// Tile address checks: every z/x/y of the pyramid is accepted, everything else refused with a sentence saying what to send.
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../errors.js';
import { checkRadius, checkTileAddress, DEFAULT_RADIUS_M, MAX_RADIUS_M } from './tile-address.js';
import { MAX_TILE_ZOOM, TILE_LAYER_NAMES } from './tile-layers.js';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error as AtlasError;
  }
  throw new Error('expected a refusal');
};

describe('checkTileAddress', () => {
  it('accepts the corners of every zoom, 0 to the deepest, for every layer', () => {
    for (const layer of TILE_LAYER_NAMES) {
      for (let z = 0; z <= MAX_TILE_ZOOM; z++) {
        const last = 2 ** z - 1;
        expect(checkTileAddress(layer, String(z), '0', '0')).toEqual({ layer, z, x: 0, y: 0 });
        expect(checkTileAddress(layer, String(z), String(last), String(last))).toEqual({ layer, z, x: last, y: last });
      }
    }
  });

  it('refuses a column or row one past the last of its zoom', () => {
    for (const z of [0, 1, 12, MAX_TILE_ZOOM]) {
      const past = String(2 ** z);
      expect(refusal(() => checkTileAddress('communities', String(z), past, '0')).message).toBe(`Tile ${z}/${past}/0 does not exist: at zoom ${z}, x and y run from 0 to ${2 ** z - 1}.`);
      expect(refusal(() => checkTileAddress('communities', String(z), '0', past)).code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a zoom deeper than served, and what is not a whole number', () => {
    expect(refusal(() => checkTileAddress('communities', String(MAX_TILE_ZOOM + 1), '0', '0')).message).toMatch(new RegExp(`ask for z from 0 to ${MAX_TILE_ZOOM}`));
    for (const text of ['-1', '1.5', '1e3', ' 1', '', 'x', '123456789', '0x1']) {
      const error = refusal(() => checkTileAddress('communities', '3', text, '0'));
      expect(error.code, JSON.stringify(text)).toBe('BAD_USER_INPUT');
      expect(error.message).toBe(`The tile column x must be a whole number of 0 or more; got "${text}".`);
    }
  });

  it('answers an unknown layer NOT_FOUND with the list of layers', () => {
    const error = refusal(() => checkTileAddress('bus_stops', '0', '0', '0'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(`There is no tile layer "bus_stops". The tile layers are: ${TILE_LAYER_NAMES.join(', ')}.`);
  });
});

describe('checkRadius', () => {
  it(`takes ${DEFAULT_RADIUS_M} m when absent and 1 to ${MAX_RADIUS_M} m when given`, () => {
    expect(checkRadius(undefined)).toBe(DEFAULT_RADIUS_M);
    expect(checkRadius('')).toBe(DEFAULT_RADIUS_M);
    expect(checkRadius('1')).toBe(1);
    expect(checkRadius(String(MAX_RADIUS_M))).toBe(MAX_RADIUS_M);
    for (const bad of ['0', String(MAX_RADIUS_M + 1), 'far', ['300', '400']]) expect(refusal(() => checkRadius(bad)).code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
  });
});
