-- The standards of STANDARDS.md as rules: thresholds, targets and scope are data an admin can change; the metric
-- names a function of server/analysis/standards/metrics.ts. A new standard is a row here (plus a metric where needed).
CREATE TABLE standard_rules (
  id              text PRIMARY KEY,
  title_zh        text NOT NULL,
  title_en        text NOT NULL,
  source          text NOT NULL,
  metric          text NOT NULL,
  scope           text NOT NULL CHECK (scope IN ('community', 'district')),
  unit            text NOT NULL,
  comparison      text NOT NULL CHECK (comparison IN ('at_least', 'at_most', 'between')),
  target          double precision,
  target_max      double precision,
  -- per community kind (urban, town, rural): {"urban": {"target": 2000, "targetMax": 4000}, ...}
  targets_by_kind jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the metric's own settings (radius, tolerance, plan by year, ...)
  params          jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled         boolean NOT NULL DEFAULT true,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text
);

INSERT INTO standard_rules (id, title_zh, title_en, source, metric, scope, unit, comparison, target, target_max, targets_by_kind, params) VALUES
  ('bus-stop-500m', '社区500米内公交站点全覆盖', 'Every part of the community within 500 m of a bus stop', 'SY §11',
   'bus_stop_coverage', 'community', 'share', 'at_least', 1, NULL, '{}', '{"radiusMeters": 500, "tolerance": 0.001}'),
  ('camera-public-area', '公共区域视频监控覆盖率100%', 'Cameras see 100 % of public areas (雪亮工程)', 'SY §16, RS, PZH',
   'camera_coverage', 'community', 'share', 'at_least', 1, NULL, '{}', '{"tolerance": 0.001}'),
  ('grid-one-worker', '一格一员', 'Every grid cell has at least one grid worker', 'HQ ch.3 §5, SY §16',
   'grid_cells_without_worker', 'community', 'grid cells', 'at_most', 0, NULL, '{}', '{}'),
  ('grid-tiling', '网格无缝无重叠覆盖社区', 'Grid cells tile the community without gaps or overlaps', 'HQ, SY',
   'grid_tiling_m2', 'community', 'm²', 'at_most', 0, NULL, '{}', '{"tolerance": 1}'),
  ('service-area-per-100-households', '服务用房每百户不低于30平方米', 'Service floor area of at least 30 m² per 100 households', 'SY §10, HQ ch.3 §4, RS, PZH',
   'service_area_per_100_households', 'community', 'm² per 100 households', 'at_least', 30, NULL, '{}', '{}'),
  ('office-400', '办公、活动用房各不低于400平方米', 'Office and activity space each at least 400 m²', 'SZ task 4, PZH §2',
   'office_and_activity_area_m2', 'community', 'm²', 'at_least', 400, NULL, '{}', '{}'),
  ('community-size', '社区规模：城市2000–4000户，镇700–2000户，农村300–1500户', 'Households: urban 2,000–4,000, town 700–2,000, rural 300–1,500', 'RS §(一)3',
   'households', 'community', 'households', 'between', NULL, NULL,
   '{"urban": {"target": 2000, "targetMax": 4000}, "town": {"target": 700, "targetMax": 2000}, "rural": {"target": 300, "targetMax": 1500}}', '{}'),
  ('social-orgs', '城市社区社会组织不少于8个，农村不少于4个', 'At least 8 social organisations per urban community, 4 per rural', 'SY §9',
   'social_orgs', 'community', 'organisations', 'at_least', 8, NULL, '{"urban": {"target": 8}, "town": {"target": 8}, "rural": {"target": 4}}', '{}'),
  ('volunteers-13pct', '注册志愿者占居民13%以上', 'Registered volunteers at least 13 % of residents', 'RS §(一)4',
   'volunteers_share', 'community', 'share', 'at_least', 0.13, NULL, '{}', '{}'),
  ('elderly-beds', '千名老人拥有养老床位35张', '35 care beds per 1,000 elderly residents', 'HQ ch.3 §5',
   'care_beds_per_1000_elderly', 'community', 'beds per 1,000 elderly', 'at_least', 35, NULL, '{}', '{}'),
  ('renovation-checklist', '老旧小区改造“十一要”', 'Completed renovations meet all 11 points of the checklist', 'SY §14',
   'renovation_sites_incomplete', 'community', 'sites', 'at_most', 0, NULL, '{}', '{}'),
  ('renovation-city', '政府主导老旧小区改造：2018年120个、2019年120个、2020年74个', 'City-led old-compound renovation: 120 / 120 / 74', 'SY §14',
   'renovation_programme', 'district', 'compounds', 'at_least', NULL, NULL, '{}', '{"program": "city", "plan": {"2018": 120, "2019": 120, "2020": 74}}'),
  ('renovation-owners', '产权单位自主改造：2018年200个、2019年200个、2020年82个', 'Owner-led renovation: 200 / 200 / 82', 'SY §14',
   'renovation_programme', 'district', 'compounds', 'at_least', NULL, NULL, '{}', '{"program": "owner", "plan": {"2018": 200, "2019": 200, "2020": 82}}');

-- Each district's share of a renovation programme's city-wide plan (data: set by an admin, or apportioned by households or sites).
CREATE TABLE renovation_plan_shares (
  program       text NOT NULL CHECK (program IN ('city', 'owner')),
  district_code text NOT NULL,
  share         double precision NOT NULL CHECK (share >= 0),
  basis         text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program, district_code)
);
