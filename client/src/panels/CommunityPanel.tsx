// The clicked community: who it is, its numbers against every standard, its grids, nearest stops, renovation sites, and its gaps.
import { formatArea, formatMeters, formatNumber, formatShare } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';
import type { CommunityFacts } from '../standards/community-facts';
import { standardRows, type StandardRuleFacts } from '../standards/community-standards';
import { StandardTable } from './StandardTable';

export interface CommunityPanelProps {
  community: CommunityFacts | null;
  rules: ReadonlyMap<string, StandardRuleFacts>;
  loading: boolean;
  error: string | null;
  onClose(): void;
  onZoomTo(): void;
  onZoomToGaps(): void;
  onWhatIf(): void;
}

export function CommunityPanel({ community, rules, loading, error, onClose, onZoomTo, onZoomToGaps, onWhatIf }: CommunityPanelProps) {
  const { t, language } = useLanguage();
  if (error) return <div className="panel-body error" role="alert">{`${t('error')}: ${error}`}</div>;
  if (!community) return <div className="panel-body hint">{loading ? t('loading') : t('searchNoResult')}</div>;
  const rows = community.standards ? standardRows(community.standards, rules, language) : [];
  const bus = community.busStopCoverage;
  const camera = community.cameraCoverage;
  const hasGaps = Boolean((bus?.gaps && bus.uncoveredAreaM2 > 0) || (camera?.gaps && camera.uncoveredAreaM2 > 0));
  return (
    <div className="panel-body community-panel" data-testid="community-panel" data-code={community.code} aria-busy={loading}>
      <header className="panel-header">
        <div>
          <h2 className="place-name" lang="zh" data-testid="community-name">
            {community.name}
          </h2>
          <p className="hint">
            {community.code} · <span lang="zh">{community.district?.name ?? community.districtCode}</span>
            {community.street ? <span lang="zh"> · {community.street}</span> : null}
          </p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <dl className="facts">
        <div>
          <dt>{t('households')}</dt>
          <dd>{formatNumber(community.households, language)}</dd>
        </div>
        <div>
          <dt>{t('population')}</dt>
          <dd>{formatNumber(community.population, language)}</dd>
        </div>
        <div>
          <dt>{t('areaM2')}</dt>
          <dd>{formatArea(community.areaM2, language)}</dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" onClick={onZoomTo}>
          {t('zoomTo')}
        </button>
        <button type="button" onClick={onZoomToGaps} disabled={!hasGaps} data-testid="zoom-to-gaps">
          {hasGaps ? t('zoomToGaps') : t('noGaps')}
        </button>
        <button type="button" onClick={onWhatIf}>
          {t('whatIf')}
        </button>
      </div>

      <h3>{t('standards')}</h3>
      {community.standards ? <StandardTable rows={rows} /> : <p className="hint">{t('notAvailable')}</p>}
      {community.busStopWalkCoverage && bus ? (
        <p data-testid="bus-coverage-along">
          {t('busCoverageAlong')}: {t('alongStraightLine')} <strong>{formatShare(bus.coveredShare, language)}</strong> · {t('alongRoads')}{' '}
          <strong data-testid="bus-coverage-walk">{formatShare(community.busStopWalkCoverage.coveredShare, language)}</strong>
        </p>
      ) : null}
      <h3>{t('nearestStop')}</h3>
      <p>
        {bus?.nearestMeters != null ? <strong data-testid="nearest-stop-m">{bus.nearestMeters > 0 ? formatMeters(bus.nearestMeters, language) : t('stopInside')}</strong> : null}
        {community.busStops.length ? (
          <span lang="zh">
            {' '}
            {community.busStops
              .slice(0, 5)
              .map((stop) => stop.name ?? stop.code)
              .join('、')}
            {community.busStops.length > 5 ? ` … (${community.busStops.length})` : ''}
          </span>
        ) : (
          <span className="hint"> {t('none')} (≤ 500 m)</span>
        )}
      </p>

      <h3>
        {t('gridCells')} ({community.gridCells.length})
      </h3>
      <ul className="chips">
        {community.gridCells.map((cell) => (
          <li key={cell.code} className={(cell.workers ?? 0) < 1 ? 'chip chip-fail' : 'chip'} title={cell.code}>
            <span lang="zh">{cell.name ?? cell.code}</span> · {t('workers')} {cell.workers ?? 0}
          </li>
        ))}
      </ul>

      <h3>
        {t('renovationSites')} ({community.renovationSites.length})
      </h3>
      {community.renovationSites.length === 0 ? (
        <p className="hint">{t('none')}</p>
      ) : (
        <ul className="site-list">
          {community.renovationSites.map((site) => (
            <li key={site.code}>
              <span className={`status-dot status-${site.status ?? 'planned'}`} aria-hidden="true" />
              <span lang="zh">{site.name ?? site.code}</span>
              <span className="hint">
                {' '}
                {site.planYear ?? ''} · {t(`status.${site.status ?? 'planned'}` as MessageKey)} · {t('checklist')} {site.checklistDone}/11
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
