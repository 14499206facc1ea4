-- The areas a tile needs coverage for.

-- name: communitiesInTile
-- $1 z, $2 x, $3 y, $4 the only district an official may read (NULL for everyone else).
SELECT t.code
FROM communities t
WHERE t.geom && ST_Transform(ST_TileEnvelope($1::integer, $2::integer, $3::integer), 4326)
  AND ($4::text IS NULL OR t.district_code = $4)
ORDER BY t.code
