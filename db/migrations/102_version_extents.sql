-- Where each layer version's change lies: the lon/lat box of what the change set touched (before and after), so a
-- tile far from a change keeps its ETag. A version without a row (written outside an import) reaches everywhere.
CREATE TABLE layer_version_extents (
  layer      text NOT NULL,
  version    bigint NOT NULL,
  changed_at timestamptz NOT NULL,
  west double precision NOT NULL, south double precision NOT NULL, east double precision NOT NULL, north double precision NOT NULL,
  PRIMARY KEY (layer, version)
);
