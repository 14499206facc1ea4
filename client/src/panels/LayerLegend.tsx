// The legend of one layer group, in the current language: what each colour, line and mark means.
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';
import type { StandardId } from '../state/url-state';
import { PALETTE } from '../map/layers/palette';
import type { TileLayerName } from '../map/tile-source';
import { Swatch, type SwatchKind } from './Swatch';

interface Entry {
  kind: SwatchKind;
  colour?: string;
  text: string;
}

export function LayerLegend({ layer, standard }: { layer: TileLayerName; standard: StandardId }) {
  const { t } = useLanguage();
  const closeZoom = ` (${t('legend.closeZoom')})`;
  const entries: Record<TileLayerName, Entry[]> = {
    districts: [{ kind: 'line', colour: PALETTE.district, text: t('layer.districts') }],
    communities: [
      { kind: 'ramp', text: `${t(`legend.ramp.${standard}` as MessageKey)}: ${t('legend.rampEnds')}` },
      { kind: 'fill', colour: PALETTE.noData, text: t('legend.noData') },
    ],
    'grid-cells': [
      { kind: 'dashed', colour: PALETTE.grid, text: `${t('layer.grid-cells')}${closeZoom}` },
      { kind: 'fill', colour: PALETTE.fail, text: t('noWorker') },
    ],
    cameras: [{ kind: 'dot', colour: PALETTE.camera, text: `${t('layer.cameras')}${closeZoom}` }],
    'bus-stops': [{ kind: 'dot', colour: PALETTE.bus, text: `${t('layer.bus-stops')}${closeZoom}` }],
    'renovation-sites': [
      { kind: 'fill', colour: PALETTE.planned, text: t('status.planned') },
      { kind: 'fill', colour: PALETTE.inProgress, text: t('status.in_progress') },
      { kind: 'fill', colour: PALETTE.completed, text: t('status.completed') },
    ],
    roads: [{ kind: 'line', colour: PALETTE.roadCasing, text: t('layer.roads') }],
    'stop-catchments': [{ kind: 'fill', colour: 'rgba(43,140,190,0.3)', text: t('layer.stop-catchments') }],
    'stop-walk-catchments': [{ kind: 'fill', colour: 'rgba(43,140,190,0.4)', text: t('layer.stop-walk-catchments') }],
    'camera-sectors': [{ kind: 'fill', colour: PALETTE.sector, text: `${t('layer.camera-sectors')}${closeZoom}` }],
    'coverage-gaps': [{ kind: 'hatch', text: t('legend.gap') }],
  };
  return (
    <ul className="legend">
      {entries[layer].map((entry) => (
        <li key={entry.text}>
          <Swatch kind={entry.kind} colour={entry.colour} />
          <span>{entry.text}</span>
        </li>
      ))}
    </ul>
  );
}
