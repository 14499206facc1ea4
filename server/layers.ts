// The layers of the data model (PRODUCT.md): the only table and column names any SQL may splice in.

export type LayerName = 'districts' | 'communities' | 'grid-cells' | 'cameras' | 'bus-stops' | 'renovation-sites' | 'roads';
export type AttributeType = 'text' | 'integer' | 'number' | 'date' | 'json';
export type GeometryKind = 'polygon' | 'point' | 'polygon-or-point' | 'line';

export interface Attribute {
  /** The column, and the default name the importer looks for in a file. */
  name: string;
  type: AttributeType;
  required?: boolean;
  /** Values allowed (for text attributes with a closed list). */
  allowed?: readonly string[];
  /** Other headers in files that mean this attribute (English and Chinese), lower-case. */
  aliases?: readonly string[];
}

export interface Layer {
  name: LayerName;
  table: string;
  geometry: GeometryKind;
  attributes: readonly Attribute[];
  /** Link columns the hub computes from geometry after an import (never taken from a file unless given). */
  links: readonly ('district_code' | 'community_code' | 'grid_code')[];
}

const code: Attribute = { name: 'code', type: 'text', required: true, aliases: ['id', '编号', '编码', '代码', 'adcode'] };
const name: Attribute = { name: 'name', type: 'text', aliases: ['名称', '名字', '站名', 'stop_name'] };

/** The 11 items of the renovation standard (STANDARDS.md `renovation-checklist`), in the document's order. */
export const RENOVATION_CHECKLIST = [
  { key: 'roads_level', zh: '路要平整', en: 'roads level' },
  { key: 'water_flowing', zh: '水要畅通', en: 'water flowing' },
  { key: 'lights_working', zh: '灯要明亮', en: 'lights working' },
  { key: 'greenery', zh: '绿要美观', en: 'greenery' },
  { key: 'cables_tidy', zh: '线要规整', en: 'cables tidy' },
  { key: 'parking_ordered', zh: '车要有序', en: 'parking ordered' },
  { key: 'buildings_insulated', zh: '房要保暖', en: 'buildings insulated' },
  { key: 'facilities_complete', zh: '设施要齐全', en: 'facilities complete' },
  { key: 'lifts_safe', zh: '电梯要安全', en: 'lifts safe' },
  { key: 'illegal_structures_removed', zh: '违建要拆除', en: 'illegal structures removed' },
  { key: 'streetscape_clean', zh: '市容要整洁清爽', en: 'clean streetscape' },
] as const;

/**
 * The items of a stored checklist that are done: `true` under the item's key and nothing else (the importer stores
 * every checklist so; SQL counts the same way with atlas_checklist_done, db/migrations/160_checklist.sql).
 */
export const checklistItemsDone = (checklist: Readonly<Record<string, unknown>> | null | undefined) =>
  RENOVATION_CHECKLIST.filter((item) => checklist?.[item.key] === true);

export const LAYERS: Record<LayerName, Layer> = {
  districts: {
    name: 'districts',
    table: 'districts',
    geometry: 'polygon',
    attributes: [code, { ...name, required: true }],
    links: [],
  },
  communities: {
    name: 'communities',
    table: 'communities',
    geometry: 'polygon',
    attributes: [
      code,
      { ...name, required: true },
      { name: 'district_code', type: 'text', aliases: ['district', '区县编码', '区编码'] },
      { name: 'street', type: 'text', aliases: ['街道'] },
      { name: 'kind', type: 'text', allowed: ['urban', 'town', 'rural'], aliases: ['类型'] },
      { name: 'households', type: 'integer', aliases: ['户数'] },
      { name: 'population', type: 'integer', aliases: ['人口', '人数'] },
      { name: 'elderly', type: 'integer', aliases: ['老年人口', '老人'] },
      { name: 'service_area_m2', type: 'number', aliases: ['服务用房面积'] },
      { name: 'office_area_m2', type: 'number', aliases: ['办公用房面积'] },
      { name: 'activity_area_m2', type: 'number', aliases: ['活动用房面积'] },
      { name: 'social_orgs', type: 'integer', aliases: ['社会组织'] },
      { name: 'volunteers', type: 'integer', aliases: ['志愿者'] },
      { name: 'care_beds', type: 'integer', aliases: ['养老床位', '床位'] },
    ],
    links: ['district_code'],
  },
  'grid-cells': {
    name: 'grid-cells',
    table: 'grid_cells',
    geometry: 'polygon',
    attributes: [
      code,
      name,
      { name: 'community_code', type: 'text', aliases: ['community', '社区编码'] },
      { name: 'workers', type: 'integer', aliases: ['网格员', '网格员数'] },
      { name: 'households', type: 'integer', aliases: ['户数'] },
    ],
    links: ['community_code', 'district_code'],
  },
  cameras: {
    name: 'cameras',
    table: 'cameras',
    geometry: 'point',
    attributes: [
      code,
      name,
      { name: 'direction_deg', type: 'number', aliases: ['direction', 'heading', 'azimuth', '方向', '朝向'] },
      { name: 'fov_deg', type: 'number', aliases: ['fov', 'angle', '视角', '视场角'] },
      { name: 'range_m', type: 'number', aliases: ['range', '距离', '范围', '可视距离'] },
      { name: 'operator', type: 'text', aliases: ['单位', '管理单位'] },
    ],
    links: ['community_code', 'grid_code', 'district_code'],
  },
  'bus-stops': {
    name: 'bus-stops',
    table: 'bus_stops',
    geometry: 'point',
    attributes: [code, name, { name: 'routes', type: 'text', aliases: ['线路', 'lines'] }],
    links: ['community_code', 'grid_code', 'district_code'],
  },
  'renovation-sites': {
    name: 'renovation-sites',
    table: 'renovation_sites',
    geometry: 'polygon-or-point',
    attributes: [
      code,
      name,
      { name: 'community_code', type: 'text', aliases: ['community', '社区编码'] },
      { name: 'program', type: 'text', allowed: ['city', 'owner'], aliases: ['项目类型'] },
      { name: 'plan_year', type: 'integer', aliases: ['year', '计划年度', '年度'] },
      { name: 'status', type: 'text', allowed: ['planned', 'in_progress', 'completed'], aliases: ['状态'] },
      { name: 'completed_on', type: 'date', aliases: ['完成日期'] },
      { name: 'households', type: 'integer', aliases: ['户数'] },
      { name: 'checklist', type: 'json' },
    ],
    links: ['community_code', 'grid_code', 'district_code'],
  },
  roads: {
    name: 'roads',
    table: 'roads',
    geometry: 'line',
    attributes: [
      code,
      name,
      { name: 'kind', type: 'text', aliases: ['类型', 'highway'] },
      // OpenStreetMap's tags: a bridge, a tunnel or a road on another level joins the walking network only at its ends.
      { name: 'bridge', type: 'text', aliases: ['桥梁'] },
      { name: 'tunnel', type: 'text', aliases: ['隧道'] },
      { name: 'layer', type: 'integer', aliases: ['层'] },
    ],
    links: [],
  },
};

export const LAYER_NAMES = Object.keys(LAYERS) as LayerName[];

export function layerByName(name: string): Layer {
  const layer = LAYERS[name as LayerName];
  if (!layer) throw new Error(`There is no layer "${name}". The layers are: ${LAYER_NAMES.join(', ')}.`);
  return layer;
}
