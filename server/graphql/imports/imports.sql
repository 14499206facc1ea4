-- name: listRuns
SELECT id::text, layer, source, file_name, file_sha256, format, crs, encoding, rows_read, rows_written, rows_repaired,
       rows_refused, rows_removed, actor, status, to_json(started_at) #>> '{}' AS started_at,
       to_json(finished_at) #>> '{}' AS finished_at, message, problems, warnings
FROM import_runs
WHERE ($1::text IS NULL OR layer = $1) AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR id < $3)
-- The table's bigint id: a bare `id` here would be the text of the select list, where run 9 sorts before run 55.
ORDER BY import_runs.id DESC
LIMIT $4;

-- name: runById
SELECT id::text, layer, source, file_name, file_sha256, format, crs, encoding, rows_read, rows_written, rows_repaired,
       rows_refused, rows_removed, actor, status, to_json(started_at) #>> '{}' AS started_at,
       to_json(finished_at) #>> '{}' AS finished_at, message, problems, warnings
FROM import_runs WHERE id = $1::bigint;
