-- The renovation programme: sites counted by district and year, and each district's share of the city plan.

-- name: programmeCounts
-- $1 program, $2 plan years.
SELECT s.district_code, s.plan_year,
       count(*)::int AS listed,
       (count(*) FILTER (WHERE s.status = 'completed'))::int AS completed,
       (count(*) FILTER (WHERE s.status = 'in_progress'))::int AS in_progress,
       (count(*) FILTER (WHERE s.status IS NULL OR s.status = 'planned'))::int AS not_started
FROM renovation_sites s
WHERE s.program = $1 AND s.plan_year = ANY($2::int[])
GROUP BY s.district_code, s.plan_year;

-- name: everyDistrict
-- Every district of the city, whoever asks: the plan is apportioned over all of them.
SELECT code, name FROM districts ORDER BY code;

-- name: storedShares
SELECT district_code, share, basis FROM renovation_plan_shares WHERE program = $1;

-- name: householdWeights
-- Each district's households (the sum over its communities).
SELECT d.code AS district_code, coalesce(sum(c.households), 0)::float8 AS weight
FROM districts d LEFT JOIN communities c ON c.district_code = d.code
GROUP BY d.code;

-- name: siteWeights
-- Each district's renovation sites of programme $1.
SELECT d.code AS district_code, count(s.id)::float8 AS weight
FROM districts d LEFT JOIN renovation_sites s ON s.district_code = d.code AND s.program = $1
GROUP BY d.code;

-- name: upsertShares
-- $1 program, $2 district codes, $3 shares, $4 basis.
INSERT INTO renovation_plan_shares AS p (program, district_code, share, basis)
SELECT $1, t.district_code, t.share, $4 FROM unnest($2::text[], $3::float8[]) AS t(district_code, share)
ON CONFLICT (program, district_code) DO UPDATE SET share = EXCLUDED.share, basis = EXCLUDED.basis, updated_at = now();

-- name: deleteOtherShares
DELETE FROM renovation_plan_shares WHERE program = $1 AND district_code <> ALL($2::text[]);
