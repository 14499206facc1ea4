// Containment links (district, community, grid cell of each record), computed by PostGIS when data arrives.
import type { Queryable } from '../db/database.js';
import { LAYERS, type LayerName } from '../layers.js';

interface Link {
  child: LayerName;
  column: 'district_code' | 'community_code' | 'grid_code';
  parent: LayerName;
}

const LINKS: Link[] = (Object.values(LAYERS) as (typeof LAYERS)[LayerName][]).flatMap((layer) =>
  layer.links.map((column) => ({
    child: layer.name,
    column,
    parent: (column === 'district_code' ? 'districts' : column === 'community_code' ? 'communities' : 'grid-cells') as LayerName,
  })),
);

function linkSql(link: Link, onlyRun: boolean): string {
  const child = LAYERS[link.child].table;
  const parent = LAYERS[link.parent].table;
  // The child's point on surface falls in exactly one parent of a tiling; the parent's GiST index finds it.
  return `UPDATE ${child} c SET ${link.column} = p.code
    FROM ${parent} p
    WHERE ST_Intersects(p.geom_m, ST_PointOnSurface(c.geom_m))
      AND c.${link.column} IS DISTINCT FROM p.code
      ${onlyRun ? 'AND c.import_run_id = $1' : ''}`;
}

/**
 * Recomputes the links touched by an import into `layer`: its own rows' links, and every child's link to it.
 * Returns the layers whose rows may have changed, so their versions can move.
 */
export async function relink(client: Queryable, layer: LayerName, runId: number): Promise<LayerName[]> {
  const changed = new Set<LayerName>([layer]);
  for (const link of LINKS.filter((l) => l.child === layer)) {
    await client.query(linkSql(link, true), [runId]);
  }
  for (const link of LINKS.filter((l) => l.parent === layer)) {
    const result = await client.query(linkSql(link, false));
    if (result.rowCount) changed.add(link.child);
  }
  return [...changed];
}
