// The rows a viewer may read, as SQL conditions: every query that reads a layer (GraphQL, tiles, exports, OGC) adds these.
import type { Layer } from '../layers.js';
import type { Viewer } from '../graphql/viewer.js';
import { canSeeCameraPositions } from './policy.js';

/** The column holding a record's district, or undefined for layers that have none (roads). */
export function districtColumnOf(layer: Layer): string | undefined {
  if (layer.name === 'districts') return 'code';
  const has = layer.attributes.some((a) => a.name === 'district_code') || (layer.links as readonly string[]).includes('district_code');
  return has ? 'district_code' : undefined;
}

/**
 * SQL conditions (to AND into a WHERE) limiting `layer`'s rows at `alias` to what `viewer` may read.
 * `param` appends a value and returns its placeholder (`$n`). An empty list means no limit.
 * Officials: only rows of their district (a layer without a district column gives them nothing);
 * cameras: no rows at all for a viewer who may not see positions.
 */
export function scopeConditions(layer: Layer, viewer: Viewer, param: (value: unknown) => string, alias = 't'): string[] {
  const conditions: string[] = [];
  if (layer.name === 'cameras' && !canSeeCameraPositions(viewer)) conditions.push('false');
  if (viewer.role === 'official') {
    const column = districtColumnOf(layer);
    conditions.push(column && viewer.districtCode ? `${alias}.${column} = ${param(viewer.districtCode)}` : 'false');
  }
  return conditions;
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
