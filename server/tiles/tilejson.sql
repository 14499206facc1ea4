-- TileJSON: the area the data covers.

-- name: dataBounds
-- $1 the only district an official may read (NULL for everyone else). The districts' extent, else the communities'.
SELECT ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat
FROM (
  SELECT COALESCE(
    (SELECT ST_Extent(geom) FROM districts WHERE $1::text IS NULL OR code = $1),
    (SELECT ST_Extent(geom) FROM communities WHERE $1::text IS NULL OR district_code = $1)
  )::geometry AS e
) extent
WHERE e IS NOT NULL
