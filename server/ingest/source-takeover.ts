// A record another source sent: a file that names its code takes it over only with --replace, and the refusal says
// whose it is and how far the file would move it (a camera or stop 14 km away is a wrong code, not a correction).
import type { Queryable } from '../db/database.js';
import type { Layer } from '../layers.js';
import type { RowProblem } from './rows.js';

/** Takeovers listed by name in a refusal; the rest are counted. */
const LISTED = 20;

interface Takeover {
  row: number;
  code: string;
  source: string;
  moved_m: number;
  from_lon: number;
  from_lat: number;
  to_lon: number;
  to_lat: number;
}

/**
 * The staged rows (import_rows) whose code the store holds from another source, as row problems: which source has it,
 * and how far the file would move it (between the records' points on surface, on the spheroid).
 */
export async function sourceTakeovers(client: Queryable, layer: Layer, source: string): Promise<RowProblem[]> {
  const { rows } = await client.query<Takeover>(
    `SELECT s.source_row AS row, t.code, t.source,
            ST_Distance(ST_PointOnSurface(t.geom)::geography, ST_PointOnSurface(s.geom)::geography) AS moved_m,
            ST_X(ST_PointOnSurface(t.geom)) AS from_lon, ST_Y(ST_PointOnSurface(t.geom)) AS from_lat,
            ST_X(ST_PointOnSurface(s.geom)) AS to_lon, ST_Y(ST_PointOnSurface(s.geom)) AS to_lat
     FROM import_rows s JOIN ${layer.table} t ON t.code = s.attrs ->> 'code'
     WHERE t.source <> $1
     ORDER BY s.source_row`,
    [source],
  );
  const problems: RowProblem[] = rows.slice(0, LISTED).map((r) => ({
    row: r.row,
    field: 'code',
    message: `${r.code} belongs to source "${r.source}"; this file (source "${source}") would take it over and move it ${formatDistance(r.moved_m)} `
      + `(${r.from_lon.toFixed(5)}, ${r.from_lat.toFixed(5)} → ${r.to_lon.toFixed(5)}, ${r.to_lat.toFixed(5)})`,
  }));
  if (rows.length > LISTED) problems.push({ row: 0, field: 'code', message: `and ${rows.length - LISTED} more codes of other sources` });
  return problems;
}

export const TAKEOVER_HINT = 'If these records really moved to this source, import again with --replace (replace: true); if the codes clash by accident, give this file its own codes; nothing was written.';

function formatDistance(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}
