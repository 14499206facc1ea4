-- Coverage: catchment shapes (stop circles, camera sectors), the cover functions per catchment model, and the coverage cache.
--
-- A catchment model is a pair of functions with one signature, so another shape (walking distance along roads) plugs in
-- beside these without touching the queries that call them:
--   <model>_cover(area geometry, reach_m float8, removed text[], added jsonb) → the union of catchments that reach `area`
--   <model>_nearest_m(area geometry, removed text[], added jsonb)            → metres from `area` to the nearest site
-- `area` is metric (atlas_metric_srid()); `removed` are codes of existing sites left out; `added` are proposed sites
-- as a JSON array of {lon, lat[, directionDeg, fovDeg, rangeM]} in WGS84 (what-if and suggestions; nothing is written).

-- A circle of `radius_m` around a site: 128 segments, so its area is within 0.05 % of π r².
CREATE FUNCTION atlas_coverage_circle(site geometry, radius_m double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Buffer(site, radius_m, 'quad_segs=32')
$$;

-- A camera's view: apex at the camera, centred on `direction_deg` (clockwise from north), `fov_deg` wide, `range_m` long,
-- the arc drawn with a point at least every 2° (area error under 0.02 %). No direction, or 360°, means a full circle.
CREATE FUNCTION atlas_coverage_sector(site geometry, direction_deg double precision, fov_deg double precision, range_m double precision)
RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN direction_deg IS NULL OR fov_deg IS NULL OR fov_deg >= 360 THEN atlas_coverage_circle(site, range_m)
    ELSE (
      SELECT ST_MakePolygon(ST_MakeLine(ARRAY[site] || array_agg(arc.point ORDER BY arc.step) || ARRAY[site]))
      FROM (
        SELECT step, ST_Translate(site,
                 range_m * sin(radians(direction_deg - fov_deg / 2 + fov_deg * step / segments)),
                 range_m * cos(radians(direction_deg - fov_deg / 2 + fov_deg * step / segments))) AS point
        FROM (SELECT greatest(2, ceil(fov_deg / 2))::integer AS segments) s, generate_series(0, s.segments) AS step
      ) arc
    )
  END
$$;

-- Proposed sites (what-if, suggestions) as metric points with their camera attributes.
CREATE FUNCTION atlas_added_sites(added jsonb)
RETURNS TABLE (site geometry, direction_deg double precision, fov_deg double precision, range_m double precision)
LANGUAGE sql STABLE AS $$
  SELECT ST_Transform(ST_SetSRID(ST_MakePoint((a->>'lon')::float8, (a->>'lat')::float8), 4326), atlas_metric_srid()),
         (a->>'directionDeg')::float8, coalesce((a->>'fovDeg')::float8, 360), (a->>'rangeM')::float8
  FROM jsonb_array_elements(coalesce(added, '[]'::jsonb)) AS a
$$;

-- Bus stops, straight-line radius: the union of the circles of every stop within `reach_m` of the area.
CREATE FUNCTION atlas_bus_stops_radius_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Union(shape) FROM (
    SELECT atlas_coverage_circle(s.geom_m, reach_m) AS shape
    FROM bus_stops s
    WHERE ST_DWithin(s.geom_m, area, reach_m) AND s.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_coverage_circle(a.site, reach_m) FROM atlas_added_sites(added) a WHERE ST_DWithin(a.site, area, reach_m)
  ) catchments
$$;

CREATE FUNCTION atlas_bus_stops_radius_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT min(d) FROM (
    (SELECT ST_Distance(s.geom_m, area) AS d FROM bus_stops s
     WHERE s.code <> ALL (coalesce(removed, '{}'))
     ORDER BY s.geom_m <-> area LIMIT 1)
    UNION ALL
    SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added) a
  ) candidates
$$;

-- A btree on range_m makes "the longest camera range" an index lookup, so the sector search keeps its GiST filter.
CREATE INDEX IF NOT EXISTS cameras_range_idx ON cameras (range_m);

-- Cameras, view sectors: the union of the sectors of every camera that can see into the area. `reach_m` is the
-- default range for cameras whose record has none.
CREATE FUNCTION atlas_camera_sectors_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Union(shape) FROM (
    SELECT atlas_coverage_sector(c.geom_m, c.direction_deg, c.fov_deg, coalesce(c.range_m, reach_m)) AS shape
    FROM cameras c
    WHERE ST_DWithin(c.geom_m, area, greatest(reach_m, (SELECT max(range_m) FROM cameras)))
      AND ST_DWithin(c.geom_m, area, coalesce(c.range_m, reach_m))
      AND c.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_coverage_sector(a.site, a.direction_deg, a.fov_deg, coalesce(a.range_m, reach_m))
    FROM atlas_added_sites(added) a WHERE ST_DWithin(a.site, area, coalesce(a.range_m, reach_m))
  ) sectors
  WHERE ST_Intersects(shape, area)
$$;

CREATE FUNCTION atlas_camera_sectors_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT min(d) FROM (
    (SELECT ST_Distance(c.geom_m, area) AS d FROM cameras c
     WHERE c.code <> ALL (coalesce(removed, '{}'))
     ORDER BY c.geom_m <-> area LIMIT 1)
    UNION ALL
    SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added) a
  ) candidates
$$;

-- Polygonal parts of a geometry of at least `min_area_m2`, as one MultiPolygon (empty when none).
CREATE FUNCTION atlas_polygons_at_least(g geometry, min_area_m2 double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(
    (SELECT ST_Multi(ST_Collect(d.geom)) FROM ST_Dump(g) d
     WHERE ST_Dimension(d.geom) = 2 AND ST_Area(d.geom) >= coalesce(min_area_m2, 0) AND ST_Area(d.geom) > 0),
    ST_SetSRID('MULTIPOLYGON EMPTY'::geometry, ST_SRID(g)))
$$;

-- Coverage per area, kept while the versions of the area's layer and of the source layer stay what they were:
-- an import bumps layer_versions, and only the entries that depended on the changed layer stop matching.
CREATE TABLE coverage_cache (
  area_layer     text NOT NULL,
  area_code      text NOT NULL,
  model          text NOT NULL,
  params_key     text NOT NULL,
  area_version   bigint NOT NULL,
  source_version bigint NOT NULL,
  area_m2        double precision NOT NULL,
  covered_m2     double precision NOT NULL,
  nearest_m      double precision,
  gaps_m         geometry NOT NULL,
  computed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (area_layer, model, params_key, area_code)
);
