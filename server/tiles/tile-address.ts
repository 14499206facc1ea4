// Checks a tile request's layer, z/x/y and query options, with messages that say what to send instead.
import { checkMetres } from '../metres.js';
import { badInput, notFound } from '../errors.js';
import { MAX_TILE_ZOOM, TILE_LAYER_NAMES, isTileLayerName, type TileLayerName } from './tile-layers.js';

export interface TileAddress {
  layer: TileLayerName;
  z: number;
  x: number;
  y: number;
}

export const DEFAULT_RADIUS_M = 500;
export const MAX_RADIUS_M = 5000;

export function checkLayer(name: string): TileLayerName {
  if (!isTileLayerName(name)) throw notFound(`There is no tile layer "${name}". The tile layers are: ${TILE_LAYER_NAMES.join(', ')}.`);
  return name;
}

function wholeNumber(label: string, text: string): number {
  if (!/^\d{1,8}$/.test(text)) throw badInput(`The tile ${label} must be a whole number of 0 or more; got "${text}".`);
  return Number(text);
}

export function checkTileAddress(layerName: string, zText: string, xText: string, yText: string): TileAddress {
  const layer = checkLayer(layerName);
  const z = wholeNumber('zoom z', zText);
  if (z > MAX_TILE_ZOOM) throw badInput(`Zoom ${z} is beyond the deepest zoom served (${MAX_TILE_ZOOM}); ask for z from 0 to ${MAX_TILE_ZOOM}.`);
  const x = wholeNumber('column x', xText);
  const y = wholeNumber('row y', yText);
  const last = 2 ** z - 1;
  if (x > last || y > last) throw badInput(`Tile ${z}/${x}/${y} does not exist: at zoom ${z}, x and y run from 0 to ${last}.`);
  return { layer, z, x, y };
}

/** The `radius` query parameter in metres: 500 when absent, else a number from 1 to 5000. */
export function checkRadius(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_RADIUS_M;
  return checkMetres('radius', typeof value === 'string' ? value : NaN, { min: 1, max: MAX_RADIUS_M });
}
