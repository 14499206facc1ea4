-- The grid-tiling standard's tolerance: cells clipped to a community boundary leave slivers (8 m² in the demo city)
-- that are not gaps in the grid; up to 50 m² of gaps and overlaps together passes. An admin may change it.
UPDATE standard_rules SET params = params || '{"tolerance": 50}'::jsonb
WHERE id = 'grid-tiling' AND (params->>'tolerance' IS NULL OR (params->>'tolerance')::float8 <= 1);
