-- name: createStage
CREATE TEMP TABLE import_rows (
  source_row integer PRIMARY KEY,
  geom       geometry NOT NULL,
  attrs      jsonb NOT NULL
) ON COMMIT DROP;

-- name: stageChunk
INSERT INTO import_rows (source_row, geom, attrs)
SELECT (f->>'row')::integer,
       ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)),
       f->'attrs'
FROM jsonb_array_elements($1::jsonb) AS f;

-- name: invalidRows
SELECT source_row AS row, ST_IsValidReason(geom) AS reason
FROM import_rows WHERE NOT ST_IsValid(geom) ORDER BY source_row;

-- name: repairPolygons
UPDATE import_rows SET geom = ST_CollectionExtract(ST_MakeValid(geom), 3)
WHERE source_row = ANY($1::integer[]);

-- name: repairLines
UPDATE import_rows SET geom = ST_CollectionExtract(ST_MakeValid(geom), 2)
WHERE source_row = ANY($1::integer[]);

-- name: repairPoints
UPDATE import_rows SET geom = ST_CollectionExtract(ST_MakeValid(geom), 1)
WHERE source_row = ANY($1::integer[]);

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
