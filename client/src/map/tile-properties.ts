// The names of the vector-tile properties the styles read, in one place, as server/tiles/tile-features.sql writes them.

export const COMMUNITY_PROPS = {
  code: 'code',
  name: 'name',
  busShare: 'bus_coverage_share',
  cameraShare: 'camera_coverage_share',
  gridCells: 'grid_cells',
  gridCellsWithoutWorker: 'grid_cells_without_worker',
  renovationSites: 'renovation_sites',
  renovationCompleted: 'renovation_completed',
} as const;

export const GAP_PROPS = { communityCode: 'community_code', standard: 'standard' } as const;
export const GRID_PROPS = { workers: 'workers', hasWorker: 'has_worker' } as const;
export const RENOVATION_PROPS = { status: 'status' } as const;
