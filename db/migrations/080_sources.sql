-- Live sources: a department's published layer the hub pulls on a schedule, what it sent last time, and each sync.

CREATE TABLE sources (
  id          bigserial PRIMARY KEY,
  layer       text NOT NULL,
  url         text NOT NULL CHECK (url ~* '^https?://'),
  kind        text NOT NULL CHECK (kind IN ('OGCAPI', 'WFS', 'GEOJSON', 'CSV')),
  field_map   jsonb NOT NULL DEFAULT '{}'::jsonb,
  crs         text,
  -- 'id' (the OGC feature id), 'code' (the layer's code, found as an import finds it) or a property's name.
  id_field    text NOT NULL DEFAULT 'code',
  -- A five-field cron expression in time_zone; null: synced only when asked.
  schedule    text,
  time_zone   text NOT NULL DEFAULT 'Asia/Shanghai',
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- Conditional GET: what the source answered last time (a single-document source: GeoJSON or CSV at a URL).
  etag          text,
  last_modified text,
  -- The layer's attributes the last applied sync found in the source: one missing next time is a schema change.
  columns     jsonb NOT NULL DEFAULT '[]'::jsonb
);

-- What a source sent at its last applied sync: one row per feature, keyed by the id it is synced on.
CREATE TABLE source_features (
  source_id    bigint NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  feature_id   text NOT NULL,
  content_hash text NOT NULL,
  PRIMARY KEY (source_id, feature_id)
);

CREATE TABLE sync_runs (
  id            bigserial PRIMARY KEY,
  source_id     bigint NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  status        text NOT NULL CHECK (status IN ('RUNNING', 'APPLIED', 'UNCHANGED', 'FAILED')),
  trigger       text NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule')),
  added         integer NOT NULL DEFAULT 0,
  changed       integer NOT NULL DEFAULT 0,
  removed       integer NOT NULL DEFAULT 0,
  unchanged     integer NOT NULL DEFAULT 0,
  message       text,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  pages         integer NOT NULL DEFAULT 0,
  bytes         bigint NOT NULL DEFAULT 0,
  -- Provenance: the first URL read and the SHA-256 of every page's bytes in order.
  url           text NOT NULL,
  content_sha256 text,
  import_run_id bigint REFERENCES import_runs(id)
);
CREATE INDEX sync_runs_by_source ON sync_runs (source_id, id DESC);
