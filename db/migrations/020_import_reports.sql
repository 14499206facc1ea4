-- Import runs keep their report: rows removed by --replace, the options used, the problems and warnings, why a run failed.
ALTER TABLE import_runs
  ADD COLUMN rows_removed integer NOT NULL DEFAULT 0,
  ADD COLUMN encoding     text,
  ADD COLUMN options      jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the first problems found (repairs, refusals), each {row, field, message}
  ADD COLUMN problems     jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN warnings     jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN message      text;

CREATE INDEX import_runs_started_idx ON import_runs (started_at DESC, id DESC);
CREATE INDEX import_runs_layer_idx ON import_runs (layer, started_at DESC);
