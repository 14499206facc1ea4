// Containment links (district, community, grid cell of each record), computed by PostGIS when data arrives.
import type { Queryable } from '../db/database.js';
import { AtlasError, AtlasErrorCode } from '../errors.js';
import { LAYERS, type Layer, type LayerName } from '../layers.js';
import { ImportRefusedError } from './rows.js';
import { stagedAnchors } from './upsert.js';

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

function relinkChildrenSql(link: Link, distributed: ReadonlySet<string>): string {
  const child = LAYERS[link.child].table;
  const parent = LAYERS[link.parent].table;
  // A point is its own point on surface: naming c.geom itself lets the join probe the children's GiST index on geom
  // once per parent, where ST_PointOnSurface(c.geom) scanned every child once per parent (2,000 communities over
  // 10,000 cameras' table: past the 60 s statement timeout, bench/history-import-cost.ts).
  const anchor = LAYERS[link.child].geometry === 'point' ? 'c.geom' : 'ST_PointOnSurface(c.geom)';
  if (!distributed.has(parent)) {
    return `UPDATE ${child} c SET ${link.column} = p.code
    FROM ${parent} p
    WHERE ST_Intersects(p.geom, ${anchor})
      AND c.${link.column} IS DISTINCT FROM p.code`;
  }
  if (distributed.has(child)) {
    // Co-located on Citus: a record's parent is looked for in its own district, so the join stays on each shard.
    return `UPDATE ${child} c SET ${link.column} = p.code
    FROM ${parent} p
    WHERE p.district_code = c.district_code AND ST_Intersects(p.geom, ST_PointOnSurface(c.geom))
      AND c.${link.column} IS DISTINCT FROM p.code`;
  }
  // A reference table's records linked to distributed parents: the links are found on the shards, then written.
  return `WITH links AS MATERIALIZED (
      SELECT c.id, p.code FROM ${child} c JOIN ${parent} p ON ST_Intersects(p.geom, ST_PointOnSurface(c.geom))
      WHERE c.${link.column} IS DISTINCT FROM p.code)
    UPDATE ${child} c SET ${link.column} = l.code FROM links l WHERE c.id = l.id`;
}

/**
 * On a table distributed by district (Citus), a row's district is its shard and cannot be updated: a districts import
 * that would move existing rows into another district is refused, naming them, instead of leaving them linked wrongly.
 */
async function refuseDistrictMoves(client: Queryable, link: Link): Promise<void> {
  const child = LAYERS[link.child];
  const { rows } = await client.query<{ code: string; from_district: string; to_district: string }>(
    `SELECT c.code, c.district_code AS from_district, p.code AS to_district FROM ${child.table} c
     JOIN districts p ON ST_Intersects(p.geom, ST_PointOnSurface(c.geom)) AND c.district_code IS DISTINCT FROM p.code
     ORDER BY c.code LIMIT 6`,
  );
  if (rows.length === 0) return;
  const shown = rows.slice(0, 5).map((r) => `${r.code} (${r.from_district} → ${r.to_district})`).join(', ');
  throw new AtlasError(AtlasErrorCode.ImportRefused,
    `Refused: these districts would move ${child.name} into other districts (${shown}${rows.length > 5 ? ', …' : ''}), and on a Citus store a row's district is its shard. ` +
    `Remove those ${child.name} (or import them again after the districts) and import again; nothing was written.`);
}

/**
 * After an import into `layer` (whose own links were computed as its rows were written): the records of other layers
 * that link to it are relinked where their parent changed. Returns the layers whose rows changed, so their versions move.
 */
export async function relinkChildren(client: Queryable, layer: LayerName, distributed: ReadonlySet<string> = new Set()): Promise<LayerName[]> {
  const changed = new Set<LayerName>([layer]);
  for (const link of LINKS.filter((l) => l.parent === layer)) {
    if (link.column === 'district_code' && distributed.has(LAYERS[link.child].table)) {
      await refuseDistrictMoves(client, link);
      continue;
    }
    const result = await client.query(relinkChildrenSql(link, distributed));
    if (result.rowCount) changed.add(link.child);
  }
  return [...changed];
}

/**
 * On a table distributed by district (Citus), every row needs a district to know its shard: staged records that no
 * district contains and whose file gives none are refused by row, before anything is written.
 */
export async function refuseRowsOutsideDistricts(client: Queryable, layer: Layer, fileName: string): Promise<void> {
  const { table, column } = stagedAnchors(layer);
  const { rows } = await client.query<{ row: number }>(
    `SELECT s.source_row AS row FROM ${table} s JOIN import_rows r USING (source_row)
     WHERE NOT EXISTS (SELECT 1 FROM districts d WHERE ST_Intersects(d.geom, s.${column}))
       AND nullif(r.attrs->>'district_code', '') IS NULL
     ORDER BY s.source_row LIMIT 1000`,
  );
  if (rows.length === 0) return;
  throw new ImportRefusedError(fileName, rows.map((r) => ({ row: r.row, message: 'lies in no district, and on a Citus store every row is kept on its district\'s shard' })),
    'Import the districts that hold these rows first (or give their district_code), then import again; nothing was written.');
}
