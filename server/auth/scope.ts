// The rows a viewer may read, as SQL conditions: every query that reads a layer (GraphQL, tiles, exports, OGC) adds these.
//
// The rule (README "Who sees what"): districts, bus stops and roads are public facts, and every viewer reads all of
// them. An official's district limits the AREAS they read (communities, grid cells, renovation sites, and the areas
// an analysis sums over) and what they may change, never the public facts near those areas: a community's stops
// across the district line count in its coverage, so the official sees them on the list and on the map too.
// Cameras keep their own rule: the public sees no positions; an official sees the cameras of their district.
import type { Layer, LayerName } from '../layers.js';
import type { Viewer } from './viewer.js';
import { canSeeCameraPositions } from './policy.js';

/** Layers every viewer reads whole, whatever their district. */
export const PUBLIC_FACT_LAYERS: ReadonlySet<LayerName> = new Set<LayerName>(['districts', 'bus-stops', 'roads']);

/** The column holding a record's district, or undefined for layers that have none (roads). */
export function districtColumnOf(layer: Layer): string | undefined {
  if (layer.name === 'districts') return 'code';
  const has = layer.attributes.some((a) => a.name === 'district_code') || (layer.links as readonly string[]).includes('district_code');
  return has ? 'district_code' : undefined;
}

/** The one district whose rows of `layer` the viewer is limited to, '' for an official without one, null for no limit. */
export function scopeDistrictOf(layer: Layer, viewer: Viewer): string | null {
  if (viewer.role !== 'official' || PUBLIC_FACT_LAYERS.has(layer.name)) return null;
  return viewer.districtCode ?? '';
}

/**
 * Which rows of `layer` the viewer reads: all of them, none (cameras for those who may not see positions, an area
 * layer for an official without a district), or those of one district. Every face applies this: the SQL faces through
 * scopeConditions, the tiles through the district they pass to tile-features.sql.
 */
export type RowScope = { rows: 'all' } | { rows: 'none' } | { rows: 'district'; column: string; districtCode: string };

export function rowScope(layer: Layer, viewer: Viewer): RowScope {
  if (layer.name === 'cameras' && !canSeeCameraPositions(viewer)) return { rows: 'none' };
  const districtCode = scopeDistrictOf(layer, viewer);
  if (districtCode === null) return { rows: 'all' };
  const column = districtColumnOf(layer);
  return column && districtCode ? { rows: 'district', column, districtCode } : { rows: 'none' };
}

function districtCondition(layer: Layer, districtCode: string, param: (value: unknown) => string, alias: string): string {
  const column = districtColumnOf(layer);
  return column && districtCode ? `${alias}.${column} = ${param(districtCode)}` : 'false';
}

/**
 * SQL conditions (to AND into a WHERE) limiting `layer`'s rows at `alias` to what `viewer` may read (rowScope).
 * `param` appends a value and returns its placeholder (`$n`). An empty list means no limit.
 * Officials: only the rows of their district, except the public facts (PUBLIC_FACT_LAYERS);
 * cameras: no rows at all for a viewer who may not see positions.
 */
export function scopeConditions(layer: Layer, viewer: Viewer, param: (value: unknown) => string, alias = 't'): string[] {
  const scope = rowScope(layer, viewer);
  if (scope.rows === 'all') return [];
  if (scope.rows === 'none') return ['false'];
  return [`${alias}.${scope.column} = ${param(scope.districtCode)}`];
}

/**
 * The conditions on the areas an analysis sums over or ranks (districts, communities, grid cells): an official reads
 * the areas of their district only, districts included, so that a coverage total, a ranking or a gaps export is of
 * their district; everyone else reads every area. Camera coverage of other districts would tell where cameras look.
 */
export function areaScopeConditions(layer: Layer, viewer: Viewer, param: (value: unknown) => string, alias = 't'): string[] {
  if (viewer.role !== 'official') return [];
  return [districtCondition(layer, viewer.districtCode ?? '', param, alias)];
}

/** Convenience for hand-written SQL: the conditions and their values, numbered from `firstIndex` ($firstIndex, …). */
export function scopeSql(layer: Layer, viewer: Viewer, firstIndex: number, alias = 't'): { conditions: string[]; values: unknown[] } {
  const values: unknown[] = [];
  const conditions = scopeConditions(layer, viewer, (value) => {
    values.push(value);
    return `$${firstIndex + values.length - 1}`;
  }, alias);
  return { conditions, values };
}
