// How many features of each layer were added, changed and removed: for the view's summary and the dashboard, optionally in one district.
import type { ChangeLayer, ChangePage, FeatureChangeFacts, FeatureChangeKind } from '../api/changes-query';

export interface LayerChangeCount {
  layer: ChangeLayer;
  counts: Record<FeatureChangeKind, number>;
  /** The layer had more changes than its answer held: the counts are of the newest only. */
  truncated: boolean;
}

/** True when a change touches the district: it lay there before, or lies there after (a district is its own). */
export function inDistrict(change: FeatureChangeFacts, district: string): boolean {
  if (change.layer === 'districts') return change.code === district;
  return [change.attributesBefore, change.attributesAfter].some((attributes) => attributes?.district_code === district);
}

/** Layers with at least one change, in the order given. */
export function countChanges(byLayer: ReadonlyMap<ChangeLayer, ChangePage>, district: string | null = null): LayerChangeCount[] {
  const rows: LayerChangeCount[] = [];
  for (const [layer, page] of byLayer) {
    const counts: Record<FeatureChangeKind, number> = { ADDED: 0, CHANGED: 0, REMOVED: 0 };
    for (const change of page.nodes) if (district === null || inDistrict(change, district)) counts[change.kind]++;
    if (counts.ADDED + counts.CHANGED + counts.REMOVED > 0 || page.endCursor !== null) rows.push({ layer, counts, truncated: page.endCursor !== null });
  }
  return rows;
}
