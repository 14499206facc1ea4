-- name: createStage
-- geom_m is computed as rows are staged, each in its own UTM zone (070_zones.sql), so the INSERT brings it and the
-- per-row trigger is skipped.
CREATE TEMP TABLE import_rows (
  source_row integer PRIMARY KEY,
  geom       geometry NOT NULL,
  geom_m     geometry NOT NULL,
  attrs      jsonb NOT NULL
) ON COMMIT DROP;

-- name: stageChunk
-- $1: [{row, lon, lat, attrs}] for points, [{row, geometry (GeoJSON text), attrs}] otherwise.
INSERT INTO import_rows (source_row, geom, geom_m, attrs)
SELECT source_row, geom, ST_Transform(geom, atlas_metric_srid_for(geom)), attrs
FROM (
  SELECT r."row" AS source_row, r.attrs,
         CASE WHEN r.geometry IS NULL THEN ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
              ELSE ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)) END AS geom
  FROM jsonb_to_recordset($1::jsonb) AS r("row" integer, lon double precision, lat double precision, geometry text, attrs jsonb)
  OFFSET 0
) parsed;

-- name: invalidRows
SELECT source_row AS row, ST_IsValidReason(geom) AS reason
FROM import_rows WHERE NOT ST_IsValid(geom) ORDER BY source_row;

-- name: repairPolygons
UPDATE import_rows SET geom = ST_CollectionExtract(ST_MakeValid(geom), 3)
WHERE source_row = ANY($1::integer[]);

-- name: repairLines
UPDATE import_rows SET geom = ST_CollectionExtract(ST_MakeValid(geom), 2)
WHERE source_row = ANY($1::integer[]);

-- name: remeasureRows
UPDATE import_rows SET geom_m = ST_Transform(geom, atlas_metric_srid_for(geom)) WHERE source_row = ANY($1::integer[]) AND NOT ST_IsEmpty(geom);

-- name: anchorRows
-- Each record's point on surface (in WGS84, where the parents' GiST index is), which its links are computed from,
-- taken after repairs. In a table of its own,
-- never updated: an index built in this transaction on a table holding HOT-updated rows (an UPDATE of import_rows that
-- changes no indexed column, such as the old `SET anchor = …` or a repair) is marked indcheckxmin and the planner cannot
-- use it before the transaction ends, so each parent polygon scanned every staged row: 30,000 renovation sites among
-- 20,002 communities took 684 s (44 rows/s) instead of about 2 s, whenever any one row happened to update in its page.
CREATE TEMP TABLE import_anchors ON COMMIT DROP AS
SELECT source_row, ST_PointOnSurface(geom) AS anchor FROM import_rows;

-- name: indexAnchors
CREATE INDEX ON import_anchors USING gist (anchor);

-- name: indexPointAnchors
-- Points are never repaired, so import_rows is never updated before this index is built (see anchorRows).
CREATE INDEX ON import_rows USING gist (geom);

-- name: emptyRows
SELECT source_row AS row FROM import_rows WHERE ST_IsEmpty(geom) ORDER BY source_row;

-- name: dropRows
DELETE FROM import_rows WHERE source_row = ANY($1::integer[]);

-- name: beginRun
INSERT INTO import_runs (layer, source, file_name, file_sha256, format, crs, rows_read, actor, encoding, options)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id;

-- name: finishRun
UPDATE import_runs SET rows_written = $2, rows_repaired = $3, rows_refused = $4, rows_removed = $5,
  problems = $6::jsonb, warnings = $7::jsonb, status = 'completed', finished_at = now()
WHERE id = $1;

-- name: recordFailedRun
INSERT INTO import_runs (layer, source, file_name, file_sha256, format, crs, rows_read, actor, encoding, options,
  rows_refused, problems, warnings, message, status, finished_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, 'failed', now())
RETURNING id;

-- name: bumpVersions
UPDATE layer_versions SET version = version + 1, changed_at = now() WHERE layer = ANY($1::text[]);
