// The map's starting style: only a background; every layer comes from the hub. No glyphs URL, so labels are drawn from local fonts.
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

export const BASE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } }],
};

/** Font stacks named in text-font; resolved to local system fonts (Noto Sans CJK on the hub's Debian). */
export const LABEL_FONT = ['Noto Sans CJK SC Regular', 'Noto Sans Regular'];
export const LABEL_FONT_BOLD = ['Noto Sans CJK SC Bold', 'Noto Sans Bold'];

/** The urban core of Shenyang (沈阳), where the demo city lies. */
export const DEFAULT_VIEW = { lon: 123.42, lat: 41.79, zoom: 11 };
