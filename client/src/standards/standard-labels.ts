// Short names of the standards of STANDARDS.md in both languages, by standard id.

export const STANDARD_LABELS: Record<string, { zh: string; en: string }> = {
  'bus-stop-500m': { zh: '全部面积在公交站500米内', en: 'All of the area within 500 m of a bus stop' },
  'camera-public-area': { zh: '公共区域视频监控覆盖', en: 'Camera coverage of public areas' },
  'grid-one-worker': { zh: '一格一员（每个网格都有网格员）', en: 'A worker in every grid cell' },
  'grid-tiling': { zh: '网格无缝无重叠覆盖社区', en: 'Grid cells tile the community without gaps or overlaps' },
  'police-office': { zh: '一社一警', en: 'Police office in the community' },
  'service-area-per-100-households': { zh: '每百户服务用房30㎡', en: 'Service space per 100 households' },
  'office-400': { zh: '办公、活动用房各400㎡', en: 'Office and activity space ≥ 400 m²' },
  'community-size': { zh: '社区规模（户数）', en: 'Community size (households)' },
  'social-orgs': { zh: '社区社会组织', en: 'Community social organisations' },
  'volunteers-13pct': { zh: '注册志愿者占比13%', en: 'Volunteers ≥ 13 % of residents' },
  'elderly-beds': { zh: '千名老人35张床位', en: 'Care beds per 1,000 elderly' },
  'renovation-city': { zh: '老旧小区改造完成', en: 'Old compounds renovated' },
  'renovation-owners': { zh: '产权单位改造完成', en: 'Owner-led renovation' },
  'renovation-checklist': { zh: '已完工小区达到改造十一项标准', en: 'Completed sites meet the 11-point checklist' },
};
