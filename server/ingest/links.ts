// Containment links (district, community, grid cell of each record), computed by PostGIS when data arrives.
import type { Queryable } from '../db/database.js';
import { LAYERS, type Layer, type LayerName } from '../layers.js';

export type LinkColumn = 'district_code' | 'community_code' | 'grid_code';

interface Link {
  child: LayerName;
  column: LinkColumn;
  parent: LayerName;
}

export const PARENT_OF: Record<LinkColumn, LayerName> = { district_code: 'districts', community_code: 'communities', grid_code: 'grid-cells' };

const LINKS: Link[] = (Object.values(LAYERS) as Layer[]).flatMap((layer) =>
  layer.links.map((column) => ({ child: layer.name, column, parent: PARENT_OF[column] })),
);

function relinkChildrenSql(link: Link): string {
  const child = LAYERS[link.child].table;
  const parent = LAYERS[link.parent].table;
  return `UPDATE ${child} c SET ${link.column} = p.code
    FROM ${parent} p
    WHERE ST_Intersects(p.geom, ST_PointOnSurface(c.geom))
      AND c.${link.column} IS DISTINCT FROM p.code`;
}

/**
 * After an import into `layer` (whose own links were computed as its rows were written): the records of other layers
 * that link to it are relinked where their parent changed. Returns the layers whose rows changed, so their versions move.
 */
export async function relinkChildren(client: Queryable, layer: LayerName): Promise<LayerName[]> {
  const changed = new Set<LayerName>([layer]);
  for (const link of LINKS.filter((l) => l.parent === layer)) {
    const result = await client.query(relinkChildrenSql(link));
    if (result.rowCount) changed.add(link.child);
  }
  return [...changed];
}
