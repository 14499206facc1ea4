-- The five layers (plus districts and roads), their provenance, and the metric copy used for analysis.

CREATE TABLE atlas_settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);

-- The store's metric CRS: the UTM zone of the first data that arrives, kept for every later row,
-- so that every metric geometry in the store shares one SRID and one GiST index per table serves all queries.
CREATE FUNCTION atlas_metric_srid_for(g geometry) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ST_Y(ST_Centroid(ST_Envelope(g))) >= 0 THEN 32600 ELSE 32700 END
       + LEAST(60, GREATEST(1, floor((ST_X(ST_Centroid(ST_Envelope(g))) + 180) / 6)::int + 1))
$$;

CREATE FUNCTION atlas_metric_srid() RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT (value #>> '{}')::integer FROM atlas_settings WHERE key = 'metric_srid'
$$;

CREATE FUNCTION atlas_set_metric_geometry() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  srid integer := atlas_metric_srid();
BEGIN
  IF srid IS NULL THEN
    srid := atlas_metric_srid_for(NEW.geom);
    INSERT INTO atlas_settings(key, value) VALUES ('metric_srid', to_jsonb(srid))
      ON CONFLICT (key) DO NOTHING;
    srid := atlas_metric_srid();
  END IF;
  IF TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom THEN
    NEW.geom_m := ST_Transform(NEW.geom, srid);
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

-- Every import run, whatever its outcome.
CREATE TABLE import_runs (
  id            bigserial PRIMARY KEY,
  layer         text NOT NULL,
  source        text NOT NULL,
  file_name     text,
  file_sha256   text,
  format        text,
  crs           text,
  rows_read     integer NOT NULL DEFAULT 0,
  rows_written  integer NOT NULL DEFAULT 0,
  rows_repaired integer NOT NULL DEFAULT 0,
  rows_refused  integer NOT NULL DEFAULT 0,
  actor         text,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed'))
);

-- A monotonically increasing data version per layer: caches and tile ETags key on it.
CREATE TABLE layer_versions (
  layer      text PRIMARY KEY,
  version    bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO layer_versions(layer) VALUES
  ('districts'), ('communities'), ('grid-cells'), ('cameras'), ('bus-stops'), ('renovation-sites'), ('roads');

CREATE TABLE districts (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  geom          geometry(MultiPolygon, 4326) NOT NULL,
  geom_m        geometry NOT NULL,
  source        text NOT NULL,
  import_run_id bigint REFERENCES import_runs(id),
  source_row    integer,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE communities (
  id               bigserial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name             text NOT NULL,
  district_code    text,
  street           text,
  kind             text CHECK (kind IN ('urban', 'town', 'rural')),
  households       integer CHECK (households >= 0),
  population       integer CHECK (population >= 0),
  elderly          integer CHECK (elderly >= 0),
  service_area_m2  double precision CHECK (service_area_m2 >= 0),
  office_area_m2   double precision CHECK (office_area_m2 >= 0),
  activity_area_m2 double precision CHECK (activity_area_m2 >= 0),
  social_orgs      integer CHECK (social_orgs >= 0),
  volunteers       integer CHECK (volunteers >= 0),
  care_beds        integer CHECK (care_beds >= 0),
  geom             geometry(MultiPolygon, 4326) NOT NULL,
  geom_m           geometry NOT NULL,
  source           text NOT NULL,
  import_run_id    bigint REFERENCES import_runs(id),
  source_row       integer,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE grid_cells (
  id             bigserial PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  name           text,
  community_code text,
  district_code  text,
  workers        integer CHECK (workers >= 0),
  households     integer CHECK (households >= 0),
  geom           geometry(MultiPolygon, 4326) NOT NULL,
  geom_m         geometry NOT NULL,
  source         text NOT NULL,
  import_run_id  bigint REFERENCES import_runs(id),
  source_row     integer,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cameras (
  id             bigserial PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  name           text,
  direction_deg  double precision CHECK (direction_deg >= 0 AND direction_deg < 360),
  fov_deg        double precision NOT NULL DEFAULT 360 CHECK (fov_deg > 0 AND fov_deg <= 360),
  range_m        double precision CHECK (range_m > 0),
  operator       text,
  community_code text,
  grid_code      text,
  district_code  text,
  geom           geometry(Point, 4326) NOT NULL,
  geom_m         geometry NOT NULL,
  source         text NOT NULL,
  import_run_id  bigint REFERENCES import_runs(id),
  source_row     integer,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bus_stops (
  id             bigserial PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  name           text,
  routes         text,
  community_code text,
  grid_code      text,
  district_code  text,
  geom           geometry(Point, 4326) NOT NULL,
  geom_m         geometry NOT NULL,
  source         text NOT NULL,
  import_run_id  bigint REFERENCES import_runs(id),
  source_row     integer,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE renovation_sites (
  id             bigserial PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  name           text,
  community_code text,
  grid_code      text,
  district_code  text,
  program        text CHECK (program IN ('city', 'owner')),
  plan_year      integer,
  status         text CHECK (status IN ('planned', 'in_progress', 'completed')),
  completed_on   date,
  households     integer CHECK (households >= 0),
  -- the 11 items of the renovation standard (STANDARDS.md renovation-checklist), true when done
  checklist      jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom           geometry(Geometry, 4326) NOT NULL
                 CHECK (GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON')),
  geom_m         geometry NOT NULL,
  source         text NOT NULL,
  import_run_id  bigint REFERENCES import_runs(id),
  source_row     integer,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE roads (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text,
  kind          text,
  geom          geometry(MultiLineString, 4326) NOT NULL,
  geom_m        geometry NOT NULL,
  source        text NOT NULL,
  import_run_id bigint REFERENCES import_runs(id),
  source_row    integer,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['districts', 'communities', 'grid_cells', 'cameras', 'bus_stops', 'renovation_sites', 'roads'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION atlas_set_metric_geometry()', t || '_metric', t);
    EXECUTE format('CREATE INDEX %I ON %I USING gist (geom)', t || '_geom_idx', t);
    EXECUTE format('CREATE INDEX %I ON %I USING gist (geom_m)', t || '_geom_m_idx', t);
    EXECUTE format('CREATE INDEX %I ON %I (import_run_id)', t || '_run_idx', t);
  END LOOP;
END
$$;

CREATE INDEX communities_district_idx ON communities (district_code);
CREATE INDEX grid_cells_community_idx ON grid_cells (community_code);
CREATE INDEX cameras_community_idx ON cameras (community_code);
CREATE INDEX bus_stops_community_idx ON bus_stops (community_code);
CREATE INDEX renovation_sites_community_idx ON renovation_sites (community_code);
CREATE INDEX renovation_sites_district_idx ON renovation_sites (district_code);
