-- Walking distance along the roads: the road network noded from the `roads` layer, each stop's entry point on it, the
-- reached distances of a walk and the catchment polygons built from them, and the `bus_stops_walk` catchment model.
--
-- Nothing here assumes one metric SRID for the store: an edge keeps its metric copy in its own UTM zone
-- (atlas_metric_srid_for), lengths are ellipsoidal (geography), a stop's catchment is drawn in the stop's zone and
-- brought into the area's zone where they differ (atlas_to_srid), and searches go through the EPSG:4326 GiST indexes.

-- The same helpers as migration 070 of the per-row zones (same names and signatures; that definition wins where both run).
CREATE OR REPLACE FUNCTION atlas_to_srid(g geometry, srid integer) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ST_SRID(g) = srid THEN g ELSE ST_Transform(g, srid) END
$$;

CREATE OR REPLACE FUNCTION atlas_reach_box(area_m geometry, reach_m double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- The box densified before it is transformed, and 1 % wider, so that the lon/lat box holds every point within reach.
  SELECT ST_Envelope(ST_Transform(ST_Segmentize(ST_Expand(ST_Envelope(area_m), reach_m * 1.01 + 1), greatest(1, (reach_m + 1) * 4)), 4326))
$$;

-- Bridges and tunnels: OpenStreetMap's tags, as an extract converted to GeoJSON carries them (`bridge=yes`,
-- `tunnel=yes`, `layer=1`). A road with any of them (or kind `bridge`/`tunnel`) joins the network only at its own ends.
ALTER TABLE roads ADD COLUMN IF NOT EXISTS bridge text, ADD COLUMN IF NOT EXISTS tunnel text, ADD COLUMN IF NOT EXISTS layer integer;

CREATE FUNCTION atlas_road_grade_separated(bridge text, tunnel text, layer integer, kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(lower(trim(bridge)) NOT IN ('', 'no', 'false', '0'), false)
      OR coalesce(lower(trim(tunnel)) NOT IN ('', 'no', 'false', '0'), false)
      OR coalesce(layer, 0) <> 0
      OR coalesce(lower(kind) IN ('bridge', 'tunnel'), false)
$$;

-- The walk's settings (atlas_settings keys, defaults here): the access distance either side of a street, the snapping
-- tolerance of the noding, and how far a stop may stand from every road and still enter the network.
CREATE FUNCTION atlas_walk_setting(setting text, fallback double precision) RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT (value #>> '{}')::double precision FROM atlas_settings WHERE key = setting), fallback)
$$;
CREATE FUNCTION atlas_walk_access_m() RETURNS double precision LANGUAGE sql STABLE AS $$ SELECT atlas_walk_setting('walk_access_m', 50) $$;
CREATE FUNCTION atlas_walk_snap_m() RETURNS double precision LANGUAGE sql STABLE AS $$ SELECT atlas_walk_setting('walk_snap_m', 1) $$;
CREATE FUNCTION atlas_walk_max_stop_m() RETURNS double precision LANGUAGE sql STABLE AS $$ SELECT atlas_walk_setting('walk_max_stop_m', 200) $$;

-- The walk catchments' data version: bumped when the network or the stops they were built from change.
INSERT INTO layer_versions(layer) VALUES ('walk-catchments') ON CONFLICT DO NOTHING;

CREATE TABLE road_edges (
  id       integer PRIMARY KEY,
  source   integer NOT NULL,
  target   integer NOT NULL,
  length_m double precision NOT NULL,
  geom     geometry(LineString, 4326) NOT NULL,
  -- In the edge's own UTM zone: fractions along it are fractions of its length.
  geom_m   geometry NOT NULL
);
CREATE INDEX road_edges_geom_idx ON road_edges USING gist (geom);
CREATE INDEX road_edges_source_idx ON road_edges (source);
CREATE INDEX road_edges_target_idx ON road_edges (target);

-- What the network and the catchments were built from; one row.
CREATE TABLE walk_state (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  roads_version bigint NOT NULL,
  stops_version bigint NOT NULL,
  snap_m        double precision NOT NULL,
  max_stop_m    double precision NOT NULL,
  access_m      double precision NOT NULL,
  node_count    integer NOT NULL,
  edge_count    integer NOT NULL,
  length_m      double precision NOT NULL,
  warnings      jsonb NOT NULL DEFAULT '[]',
  built_at      timestamptz NOT NULL DEFAULT now()
);

-- Where each stop enters the network: the nearest point of the nearest edge (NULL edge: farther than max_stop_m).
-- vertex_id is the stop's own vertex in the search, joined to both ends of its edge.
CREATE TABLE walk_stop_entries (
  stop_code  text PRIMARY KEY,
  vertex_id  integer NOT NULL UNIQUE,
  edge_id    integer,
  position_m double precision,
  distance_m double precision
);

-- The network nodes a stop's walk reaches within radius_m, and how far along the roads.
CREATE TABLE walk_reached (
  radius_m   double precision NOT NULL,
  stop_code  text NOT NULL,
  node_id    integer NOT NULL,
  distance_m double precision NOT NULL,
  PRIMARY KEY (radius_m, stop_code, node_id)
);

-- A stop's walking catchment: the reached streets (reached_geom) widened by access_m (geom_m, in the stop's zone).
CREATE TABLE stop_walk_catchments (
  radius_m         double precision NOT NULL,
  access_m         double precision NOT NULL,
  stop_code        text NOT NULL,
  reached_length_m double precision NOT NULL,
  reached_geom     geometry(MultiLineString, 4326) NOT NULL,
  geom             geometry(Geometry, 4326) NOT NULL,
  geom_m           geometry NOT NULL,
  PRIMARY KEY (radius_m, access_m, stop_code)
);
CREATE INDEX stop_walk_catchments_geom_idx ON stop_walk_catchments USING gist (geom);

-- The (radius, access) pairs whose catchments are complete for the current walk_state.
CREATE TABLE walk_catchment_sets (
  radius_m double precision NOT NULL,
  access_m double precision NOT NULL,
  PRIMARY KEY (radius_m, access_m)
);

-- Builds road_edges from the roads: lines noded where they cross or touch, ends within snap_m of a line moved onto
-- it (T-junctions), grade-separated roads joined only at their ends. Returns warnings as a JSON array of strings.
CREATE FUNCTION atlas_build_road_network(snap_m double precision) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  -- Degrees of latitude per metre, and a snap-rounding grid of about 0.1 mm in lon/lat.
  deg_per_m constant double precision := 1 / 111320.0;
  grid constant double precision := 1e-9;
  warnings jsonb := '[]';
  self_crossing text[];
  snapped integer;
BEGIN
  DROP TABLE IF EXISTS pg_temp.walk_lines, pg_temp.walk_pieces, pg_temp.walk_ends;
  CREATE TEMP TABLE walk_lines ON COMMIT DROP AS
    SELECT row_number() OVER ()::integer AS line_id, r.code, atlas_road_grade_separated(r.bridge, r.tunnel, r.layer, r.kind) AS separated,
           ST_RemoveRepeatedPoints(d.geom) AS geom
    FROM roads r, ST_Dump(r.geom) d
    WHERE ST_NPoints(d.geom) >= 2 AND ST_Length(d.geom) > 0;
  CREATE INDEX ON walk_lines USING gist (geom);

  SELECT array_agg(code ORDER BY code) INTO self_crossing FROM (SELECT DISTINCT code FROM walk_lines WHERE NOT ST_IsSimple(geom) AND NOT ST_IsClosed(geom)) x;
  IF self_crossing IS NOT NULL THEN
    warnings := warnings || to_jsonb(format('%s road(s) cross themselves (%s); they are noded where they cross', cardinality(self_crossing), array_to_string(self_crossing[1:5], ', ')));
  END IF;

  -- Ends of at-grade lines within snap_m of another at-grade line move onto its nearest point.
  WITH ends AS (
    SELECT l.line_id, e.which, e.pt FROM walk_lines l
    CROSS JOIN LATERAL (VALUES (0, ST_StartPoint(l.geom)), (1, ST_EndPoint(l.geom))) e(which, pt)
    WHERE NOT l.separated
  ), moves AS (
    SELECT e.line_id, e.which, n.pt, n.d FROM ends e
    CROSS JOIN LATERAL (
      SELECT ST_ClosestPoint(o.geom, e.pt) AS pt, ST_Distance(o.geom::geography, e.pt::geography) AS d
      FROM walk_lines o
      WHERE o.line_id <> e.line_id AND NOT o.separated
        AND ST_DWithin(o.geom, e.pt, snap_m * deg_per_m / greatest(cos(radians(ST_Y(e.pt))), 0.01))
      ORDER BY o.geom <-> e.pt LIMIT 1
    ) n
    WHERE n.d > 0 AND n.d <= snap_m
  ), done AS (
    UPDATE walk_lines l SET geom = ST_SetPoint(ST_SetPoint(l.geom, 0, coalesce(s.pt, ST_StartPoint(l.geom))), -1, coalesce(t.pt, ST_EndPoint(l.geom)))
    FROM (SELECT DISTINCT line_id FROM moves) m
    LEFT JOIN moves s ON s.line_id = m.line_id AND s.which = 0
    LEFT JOIN moves t ON t.line_id = m.line_id AND t.which = 1
    WHERE l.line_id = m.line_id
    RETURNING 1
  )
  SELECT count(*) INTO snapped FROM done;
  IF snapped > 0 THEN
    warnings := warnings || to_jsonb(format('%s road(s) ended within %s m of another road and were joined to it', snapped, snap_m));
  END IF;

  -- At-grade lines noded by a snap-rounding union (never fails on near-misses), then split where a grade-separated
  -- road's end lands on them.
  CREATE TEMP TABLE walk_pieces (piece_id serial, geom geometry) ON COMMIT DROP;
  INSERT INTO walk_pieces (geom)
    SELECT d.geom FROM (SELECT ST_UnaryUnion(ST_Collect(geom), grid) AS g FROM walk_lines WHERE NOT separated) u, ST_Dump(u.g) d
    WHERE u.g IS NOT NULL AND ST_Length(d.geom) > 0;
  CREATE INDEX ON walk_pieces USING gist (geom);

  CREATE TEMP TABLE walk_ends ON COMMIT DROP AS
    SELECT l.line_id, e.which, n.piece_id, n.fraction, n.pt
    FROM walk_lines l
    CROSS JOIN LATERAL (VALUES (0, ST_StartPoint(l.geom)), (1, ST_EndPoint(l.geom))) e(which, pt)
    CROSS JOIN LATERAL (
      SELECT p.piece_id, ST_LineLocatePoint(p.geom, e.pt) AS fraction, ST_LineInterpolatePoint(p.geom, ST_LineLocatePoint(p.geom, e.pt)) AS pt
      FROM walk_pieces p
      WHERE ST_DWithin(p.geom, e.pt, snap_m * deg_per_m / greatest(cos(radians(ST_Y(e.pt))), 0.01))
        AND ST_Distance(p.geom::geography, e.pt::geography) <= snap_m
      ORDER BY p.geom <-> e.pt LIMIT 1
    ) n
    WHERE l.separated;

  UPDATE walk_lines l SET geom = ST_SetPoint(ST_SetPoint(l.geom, 0, coalesce(s.pt, ST_StartPoint(l.geom))), -1, coalesce(t.pt, ST_EndPoint(l.geom)))
  FROM walk_lines x
  LEFT JOIN walk_ends s ON s.line_id = x.line_id AND s.which = 0
  LEFT JOIN walk_ends t ON t.line_id = x.line_id AND t.which = 1
  WHERE l.line_id = x.line_id AND l.separated AND (s.line_id IS NOT NULL OR t.line_id IS NOT NULL);

  WITH cuts AS (
    SELECT piece_id, array_agg(DISTINCT f ORDER BY f) AS fractions FROM (
      SELECT piece_id, fraction AS f FROM walk_ends WHERE fraction > 1e-12 AND fraction < 1 - 1e-12
      UNION ALL SELECT DISTINCT piece_id, 0 FROM walk_ends
      UNION ALL SELECT DISTINCT piece_id, 1 FROM walk_ends
    ) x GROUP BY piece_id
  ), split AS (
    DELETE FROM walk_pieces p USING cuts c WHERE p.piece_id = c.piece_id RETURNING p.geom, c.fractions
  )
  INSERT INTO walk_pieces (geom)
    SELECT ST_LineSubstring(s.geom, s.fractions[i], s.fractions[i + 1])
    FROM split s, generate_series(1, cardinality(s.fractions) - 1) i
    WHERE s.fractions[i + 1] > s.fractions[i];

  INSERT INTO walk_pieces (geom) SELECT geom FROM walk_lines WHERE separated;

  -- Nodes: piece ends within about 1 mm of each other are one node.
  DELETE FROM road_edges;
  WITH ends AS (
    SELECT p.piece_id, e.which, e.pt FROM walk_pieces p
    CROSS JOIN LATERAL (VALUES (0, ST_StartPoint(p.geom)), (1, ST_EndPoint(p.geom))) e(which, pt)
    WHERE ST_GeometryType(p.geom) = 'ST_LineString' AND ST_Length(p.geom::geography) > 0
  ), nodes AS (
    SELECT piece_id, which, ST_ClusterDBSCAN(pt, eps := 1e-8, minpoints := 1) OVER () + 1 AS node FROM ends
  )
  INSERT INTO road_edges (id, source, target, length_m, geom, geom_m)
    SELECT row_number() OVER (ORDER BY p.piece_id), s.node, t.node, ST_Length(p.geom::geography), p.geom,
           ST_Transform(p.geom, atlas_metric_srid_for(p.geom))
    FROM walk_pieces p
    JOIN nodes s ON s.piece_id = p.piece_id AND s.which = 0
    JOIN nodes t ON t.piece_id = p.piece_id AND t.which = 1;
  RETURN warnings;
END
$$;

-- Where every stop enters the network (walk_stop_entries): the nearest of the few nearest edges, measured on the
-- ellipsoid; vertex ids above every node id.
CREATE FUNCTION atlas_locate_walk_stops(max_stop_m double precision) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM walk_stop_entries;
  INSERT INTO walk_stop_entries (stop_code, vertex_id, edge_id, position_m, distance_m)
  SELECT s.code,
         (SELECT coalesce(max(greatest(source, target)), 0) FROM road_edges) + row_number() OVER (ORDER BY s.code),
         CASE WHEN n.d <= max_stop_m THEN n.id END,
         CASE WHEN n.d <= max_stop_m THEN n.position_m END,
         n.d
  FROM bus_stops s
  LEFT JOIN LATERAL (
    SELECT c.id, c.d, ST_LineLocatePoint(c.geom_m, ST_Transform(s.geom, ST_SRID(c.geom_m))) * c.length_m AS position_m
    FROM (
      SELECT e.id, e.geom_m, e.length_m, ST_Distance(e.geom::geography, s.geom::geography) AS d
      FROM road_edges e ORDER BY e.geom <-> s.geom LIMIT 8
    ) c ORDER BY c.d, c.id LIMIT 1
  ) n ON true;
$$;

-- Catchment polygons of radius_m for every stop with reached distances (walk_reached), widened by access_m: each edge
-- contributes the part within reach of each reached end (partial edges count) and, for the stop's own edge, the part
-- within reach of the entry point; overlapping parts of one edge are merged before they are measured.
CREATE FUNCTION atlas_build_walk_catchments(reach_m double precision, widen_m double precision) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stop_walk_catchments c WHERE c.radius_m = reach_m AND c.access_m = widen_m;
  WITH intervals AS (
    SELECT r.stop_code, e.id, 0::float8 AS a, least(e.length_m, reach_m - r.distance_m) AS b
    FROM walk_reached r JOIN road_edges e ON e.source = r.node_id WHERE r.radius_m = reach_m
    UNION ALL
    SELECT r.stop_code, e.id, greatest(0, e.length_m - (reach_m - r.distance_m)), e.length_m
    FROM walk_reached r JOIN road_edges e ON e.target = r.node_id WHERE r.radius_m = reach_m
    UNION ALL
    SELECT w.stop_code, e.id, greatest(0, w.position_m - reach_m), least(e.length_m, w.position_m + reach_m)
    FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id
  ), ordered AS (
    SELECT i.*, max(b) OVER (PARTITION BY stop_code, id ORDER BY a, b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach_before
    FROM intervals i WHERE b > a
  ), numbered AS (
    SELECT o.*, sum(CASE WHEN reach_before >= a THEN 0 ELSE 1 END) OVER (PARTITION BY stop_code, id ORDER BY a, b) AS island FROM ordered o
  ), islands AS (
    SELECT stop_code, id, min(a) AS a, max(b) AS b FROM numbered GROUP BY stop_code, id, island
  ), pieces AS (
    SELECT i.stop_code, i.b - i.a AS length_m, ST_LineSubstring(e.geom_m, i.a / e.length_m, i.b / e.length_m) AS piece_m
    FROM islands i JOIN road_edges e ON e.id = i.id
  ), per_stop AS (
    -- Each piece widened on its own, then joined on a 1 mm grid: a buffer of many overlapping lines at once makes the
    -- embedded engine's GEOS fall back to snapping, which its WebAssembly build cannot do (the row is lost, see
    -- coverage.service.ts overlayGridM); snap-rounded unions never fall back.
    SELECT p.stop_code, sum(p.length_m) AS reached_length_m,
           ST_Collect(atlas_to_srid(p.piece_m, ST_SRID(s.geom_m))) AS lines_m,
           ST_Union(ST_Buffer(atlas_to_srid(p.piece_m, ST_SRID(s.geom_m)), widen_m, 'quad_segs=8'), 0.001) AS shape_m
    FROM pieces p JOIN bus_stops s ON s.code = p.stop_code
    GROUP BY p.stop_code
  )
  INSERT INTO stop_walk_catchments (radius_m, access_m, stop_code, reached_length_m, reached_geom, geom, geom_m)
  SELECT reach_m, widen_m, x.stop_code, x.reached_length_m,
         ST_Multi(ST_CollectionExtract(ST_Transform(x.lines_m, 4326), 2)), ST_Transform(x.shape_m, 4326), x.shape_m
  FROM per_stop x;
END
$$;

-- Bus stops, walking distance: the union of the stored walking catchments of radius reach_m (at the configured access
-- distance) that reach the area. A proposed stop (added) has no walk without a new search, so what-if keeps the
-- straight-line model; the callers never pass one here.
CREATE FUNCTION atlas_bus_stops_walk_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Union(atlas_to_srid(c.geom_m, ST_SRID(area)))
  FROM stop_walk_catchments c
  WHERE c.radius_m = reach_m AND c.access_m = atlas_walk_access_m()
    AND c.geom && atlas_reach_box(area, 0)
    AND c.stop_code <> ALL (coalesce(removed, '{}'))
$$;

-- The straight-line distance from the area to the nearest stop that enters the network (a stop off the network walks nowhere).
CREATE FUNCTION atlas_bus_stops_walk_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT min(ST_Distance(atlas_to_srid(c.geom_m, ST_SRID(area)), area)) FROM (
    SELECT s.geom_m FROM bus_stops s JOIN walk_stop_entries w ON w.stop_code = s.code AND w.edge_id IS NOT NULL
    WHERE s.code <> ALL (coalesce(removed, '{}'))
    ORDER BY s.geom <-> ST_Transform(ST_PointOnSurface(area), 4326) LIMIT 16
  ) c
$$;
