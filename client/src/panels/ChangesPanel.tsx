// The "what changed" view beside the map: the choice of period or data version, counts, the list, and the change sets' exports.
import { useMemo } from 'react';
import { CHANGES_PER_LAYER, changeSetExportUrl, type DataVersionFacts, type FeatureChangeFacts } from '../api/changes-query';
import type { ChangesState } from '../api/useChanges';
import { useDownload } from '../api/useDownload';
import { countChanges } from '../changes/change-counts';
import { sinceTimeOf, type ChangeSelection } from '../changes/change-selection';
import { fillIn, formatDay, formatNumber } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';
import { PALETTE } from '../map/layers/palette';
import { ChangeCountsTable } from './ChangeCountsTable';
import { ChangeList } from './ChangeList';
import { ChangeSelect } from './ChangeSelect';

export interface ChangesPanelProps {
  selection: ChangeSelection;
  onSelection(selection: ChangeSelection): void;
  changes: ChangesState;
  versions: readonly DataVersionFacts[] | null;
  camerasHidden: boolean;
  token: string | null;
  onFlyTo(change: FeatureChangeFacts): void;
  onClose(): void;
}

/** Export buttons listed at most, newest first, for a period. */
const EXPORTS_LISTED = 20;

export function ChangesPanel({ selection, onSelection, changes, versions, camerasHidden, token, onFlyTo, onClose }: ChangesPanelProps) {
  const { t, language } = useLanguage();
  const { download, error: downloadError } = useDownload(token);
  const sinceTime = useMemo(() => sinceTimeOf(selection, new Date()), [selection]);
  const all = useMemo(() => (changes.byLayer ? [...changes.byLayer.values()].flatMap((page) => page.nodes).sort((a, b) => Number(b.version) - Number(a.version) || a.code.localeCompare(b.code)) : null), [changes.byLayer]);
  const counts = useMemo(() => (changes.byLayer ? countChanges(changes.byLayer) : []), [changes.byLayer]);
  const version = selection.kind === 'version' ? versions?.find((v) => v.id === selection.id) ?? null : null;
  const exported: { id: string; layer: string | null }[] =
    selection.kind === 'version'
      ? [{ id: selection.id, layer: version?.layer ?? null }]
      : (versions ?? []).filter((v) => sinceTime !== null && new Date(v.at) >= new Date(sinceTime) && v.added + v.changed + v.removed > 0).slice(0, EXPORTS_LISTED).map((v) => ({ id: v.id, layer: v.layer }));
  const layerName = (layer: string | null) => (layer ? t(`layer.${layer}` as MessageKey) : '…');
  return (
    <div className="panel-body changes" data-testid="changes-panel" aria-busy={changes.loading}>
      <header className="panel-header">
        <h2>{t('changes')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <ChangeSelect selection={selection} versions={versions} onSelection={onSelection} />
      <p className="hint" data-testid="change-period">
        {selection.kind === 'version'
          ? fillIn(t('changesOfVersion'), { id: selection.id, layer: layerName(version?.layer ?? null), date: version ? formatDay(version.at, language) : '…' })
          : fillIn(t('changesSince'), { date: formatDay(sinceTime!, language) })}
      </p>
      <p className="legend legend-inline change-legend">
        {(['ADDED', 'CHANGED', 'REMOVED'] as const).map((kind) => (
          <span key={kind}>
            <span className="swatch" style={{ background: PALETTE[kind === 'ADDED' ? 'added' : kind === 'REMOVED' ? 'removed' : 'changed'] }} /> {t(`change.${kind}` as MessageKey)}
          </span>
        ))}
        <span>
          <span className="swatch swatch-line" style={{ borderTop: `2px dashed ${PALETTE.changed}` }} /> {t('changesBefore')}
        </span>
      </p>
      {camerasHidden && (
        <p className="hint" role="status" data-testid="changes-cameras-hidden">
          {t('changesCamerasHidden')}
        </p>
      )}
      {changes.error && <p className="error" role="alert">{`${t('error')}: ${changes.error}`}</p>}
      {changes.available === false && <p className="hint">{t('notAvailable')}</p>}
      {!all && changes.loading && <p className="hint">{t('loading')}</p>}
      {all && all.length === 0 && !changes.loading && <p className="hint" data-testid="changes-none">{t('changesNone')}</p>}
      {counts.length > 0 && <ChangeCountsTable rows={counts} testId="change-counts" />}
      {counts
        .filter((row) => row.truncated)
        .map((row) => (
          <p key={row.layer} className="hint">
            {fillIn(t('changesTruncated'), { layer: layerName(row.layer), count: formatNumber(CHANGES_PER_LAYER, language) })}
          </p>
        ))}
      {exported.length > 0 && (
        <div className="button-row export-links">
          <span className="field-label">{t('changesExport')}</span>
          {exported.map((item) => (
            <button key={item.id} type="button" onClick={() => void download(changeSetExportUrl(item.id))} data-testid={`export-changes-${item.id}`}>
              {fillIn(t('changesExportVersion'), { id: item.id, layer: layerName(item.layer) })}
            </button>
          ))}
          {downloadError && <p className="error" role="alert">{downloadError}</p>}
        </div>
      )}
      {all && all.length > 0 && <ChangeList changes={all} onFlyTo={onFlyTo} />}
    </div>
  );
}
