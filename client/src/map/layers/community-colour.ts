// The fill colour of communities for each standard: a share ramp (red = nothing covered, green = all), grey without data.
import type { DataDrivenPropertyValueSpecification, ColorSpecification, ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { StandardId } from '../../state/url-state';
import { COMMUNITY_PROPS } from '../tile-properties';
import { PALETTE } from './palette';

function shareRamp(share: ExpressionSpecification): ExpressionSpecification {
  const stops = PALETTE.shareRamp.flatMap(([at, colour]) => [at, colour]);
  return ['interpolate', ['linear'], share, ...stops] as ExpressionSpecification;
}

function byShareProperty(property: string): ExpressionSpecification {
  return ['case', ['has', property], shareRamp(['to-number', ['get', property]]), PALETTE.noData];
}

/** Grid standard: pass (green) when every grid cell has a worker, else red by the share staffed. */
function gridColour(): ExpressionSpecification {
  const cells: ExpressionSpecification = ['to-number', ['get', COMMUNITY_PROPS.gridCells]];
  const empty: ExpressionSpecification = ['to-number', ['get', COMMUNITY_PROPS.gridCellsWithoutWorker]];
  return [
    'case',
    ['all', ['has', COMMUNITY_PROPS.gridCells], ['>', cells, 0]],
    shareRamp(['-', 1, ['/', empty, cells]]),
    PALETTE.noData,
  ];
}

/** Renovation: the share of the community's programme sites completed; grey where it has none. */
function renovationColour(): ExpressionSpecification {
  const sites: ExpressionSpecification = ['to-number', ['get', COMMUNITY_PROPS.renovationSites]];
  const done: ExpressionSpecification = ['to-number', ['get', COMMUNITY_PROPS.renovationCompleted]];
  return ['case', ['all', ['has', COMMUNITY_PROPS.renovationSites], ['>', sites, 0]], shareRamp(['/', done, sites]), PALETTE.noData];
}

export function communityFillColour(standard: StandardId): DataDrivenPropertyValueSpecification<ColorSpecification> {
  switch (standard) {
    case 'bus':
      return byShareProperty(COMMUNITY_PROPS.busShare);
    case 'camera':
      return byShareProperty(COMMUNITY_PROPS.cameraShare);
    case 'grid':
      return gridColour();
    case 'renovation':
      return renovationColour();
  }
}
