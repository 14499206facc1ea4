// The levels coverage is measured at: the polygon layers, and what an area of each is called.
import { LAYERS, type LayerName } from '../layers.js';

export type AreaLevel = 'communities' | 'grid-cells' | 'districts';

export const AREA_LEVELS: readonly AreaLevel[] = ['communities', 'grid-cells', 'districts'];

/** The table of a level, from the layer registry (the only identifiers SQL may splice). */
export const areaTable = (level: AreaLevel): string => LAYERS[level as LayerName].table;

/**
 * The level whose areas contain a level's areas, and the column that names the parent: coverage of a grid cell is
 * taken from its community's where the cell lies inside it.
 */
export const PARENT_LEVEL: Partial<Record<AreaLevel, { level: AreaLevel; link: 'community_code' }>> = {
  'grid-cells': { level: 'communities', link: 'community_code' },
};
