-- Lists by district (an official's scope is always one district; GraphQL `districtCode` filters, the hub's exports)
-- read `WHERE district_code = $1 ORDER BY code LIMIT n` and count the same rows. Without an index the large point
-- layers were scanned whole: at city scale a district's 1,000 cameras took 260 ms (two scans of 100,000 rows);
-- with (district_code, code) the page is read in order from the index and counted from it.
CREATE INDEX IF NOT EXISTS cameras_district_code_idx ON cameras (district_code, code);
CREATE INDEX IF NOT EXISTS bus_stops_district_code_idx ON bus_stops (district_code, code);
CREATE INDEX IF NOT EXISTS grid_cells_district_code_idx ON grid_cells (district_code, code);
