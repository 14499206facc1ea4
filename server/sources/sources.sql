-- name: insertSource
INSERT INTO sources (layer, url, kind, field_map, crs, id_field, schedule, time_zone, created_by)
VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)
RETURNING *;

-- name: listSources
SELECT * FROM sources ORDER BY id;

-- name: sourceById
SELECT * FROM sources WHERE id = $1;

-- name: deleteSource
DELETE FROM sources WHERE id = $1 RETURNING id;

-- name: sourceState
-- What the source sent at its last applied sync: feature id → content hash.
SELECT feature_id, content_hash FROM source_features WHERE source_id = $1;

-- name: beginSyncRun
INSERT INTO sync_runs (source_id, status, trigger, url) VALUES ($1, 'RUNNING', $2, $3) RETURNING *;

-- name: finishSyncRun
-- $2 status, $3..$6 added/changed/removed/unchanged, $7 message, $8 pages, $9 bytes, $10 content hash, $11 import run.
UPDATE sync_runs SET status = $2, added = $3, changed = $4, removed = $5, unchanged = $6, message = $7, pages = $8,
  bytes = $9, content_sha256 = $10, import_run_id = $11, finished_at = clock_timestamp()
WHERE id = $1
RETURNING *;

-- name: forgetFeatures
DELETE FROM source_features WHERE source_id = $1 AND feature_id = ANY($2::text[]);

-- name: rememberFeatures
INSERT INTO source_features (source_id, feature_id, content_hash)
SELECT $1, f.id, f.hash FROM unnest($2::text[], $3::text[]) AS f(id, hash)
ON CONFLICT (source_id, feature_id) DO UPDATE SET content_hash = EXCLUDED.content_hash;

-- name: rememberSourceAnswer
-- What the source answered (for the next conditional GET) and the attributes it fed.
UPDATE sources SET etag = $2, last_modified = $3, columns = coalesce($4::jsonb, columns) WHERE id = $1;

-- name: syncRuns
-- Newest first; $1 a source or null for all, $2 the id to start after (null: from the newest), $3 how many.
SELECT * FROM sync_runs
WHERE ($1::bigint IS NULL OR source_id = $1) AND ($2::bigint IS NULL OR id < $2)
ORDER BY id DESC LIMIT $3;

-- name: lastRuns
-- Each source's latest run and latest failure.
SELECT DISTINCT ON (source_id) * FROM sync_runs WHERE source_id = ANY($1::bigint[]) ORDER BY source_id, id DESC;

-- name: lastFailures
SELECT DISTINCT ON (source_id) * FROM sync_runs WHERE source_id = ANY($1::bigint[]) AND status = 'FAILED' ORDER BY source_id, id DESC;

-- name: abandonRuns
-- Runs left RUNNING by a hub that stopped mid-sync, older than the longest a sync may take.
UPDATE sync_runs SET status = 'FAILED', finished_at = clock_timestamp(),
  message = 'the hub stopped while this sync ran; nothing of it was applied, and the next scheduled run tries again'
WHERE status = 'RUNNING' AND started_at < clock_timestamp() - make_interval(secs => $1::double precision / 1000);

-- name: countSyncRuns
SELECT count(*)::integer AS n FROM sync_runs WHERE ($1::bigint IS NULL OR source_id = $1);
