// What-if: place a bus stop or a camera (direction, angle, range) in the selected community and compare its coverage before and after.
import { useEffect, useMemo } from 'react';
import type { FeatureCollection } from 'geojson';
import type { SchemaFields } from '../api/schema-fields';
import { useWhatIf } from '../api/useWhatIf';
import { formatArea, formatShare } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { siteReach } from '../map/site-reach';
import type { CommunityFacts } from '../standards/community-facts';
import { SuggestionList } from './SuggestionList';

export interface WhatIfSite {
  kind: 'stop' | 'camera';
  lon: number;
  lat: number;
  directionDeg: number;
  fovDeg: number;
  rangeM: number;
}

export interface WhatIfPanelProps {
  token: string | null;
  fields: SchemaFields | null;
  community: CommunityFacts | null;
  site: WhatIfSite | null;
  onSite(site: WhatIfSite | null): void;
  placing: WhatIfSite['kind'] | null;
  onPlace(kind: WhatIfSite['kind'] | null): void;
  onOverlays(overlays: { whatIf: FeatureCollection; suggestions: FeatureCollection }): void;
  onClose(): void;
}

const STOP_RADIUS_M = 500;

function NumberField({ label, value, min, max, onChange, testId }: { label: string; value: number; min: number; max: number; onChange(value: number): void; testId: string }) {
  return (
    <label className="field field-inline">
      <span className="field-label">{label}</span>
      <input type="number" value={value} min={min} max={max} onChange={(event) => onChange(Number(event.target.value))} data-testid={testId} />
    </label>
  );
}

export function WhatIfPanel({ token, fields, community, site, onSite, placing, onPlace, onOverlays, onClose }: WhatIfPanelProps) {
  const { t, language } = useLanguage();
  const result = useWhatIf(site, community?.code ?? null, token, fields);
  const suggestions = result.suggestions;

  const whatIf = useMemo<FeatureCollection>(() => {
    if (!site) return { type: 'FeatureCollection', features: [] };
    const reach = siteReach(site.kind === 'stop' ? { lon: site.lon, lat: site.lat, rangeM: STOP_RADIUS_M } : site);
    return {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { role: 'reach' }, geometry: reach },
        ...(result.after?.gaps ? [{ type: 'Feature' as const, properties: { role: 'gap' }, geometry: result.after.gaps }] : []),
        { type: 'Feature', properties: { role: 'site' }, geometry: { type: 'Point', coordinates: [site.lon, site.lat] } },
      ],
    };
  }, [site, result.after]);

  const suggestionFeatures = useMemo<FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: (suggestions ?? []).map((suggestion) => ({
        type: 'Feature',
        properties: { label: `${suggestion.rank}: +${formatShare(suggestion.addedShare, language)}` },
        geometry: suggestion.location,
      })),
    }),
    [suggestions, language],
  );

  useEffect(() => onOverlays({ whatIf, suggestions: suggestionFeatures }), [whatIf, suggestionFeatures, onOverlays]);
  useEffect(() => () => onOverlays({ whatIf: { type: 'FeatureCollection', features: [] }, suggestions: { type: 'FeatureCollection', features: [] } }), [onOverlays]);

  const coverageKey = site?.kind === 'camera' ? 'cameraCoverage' : 'busStopCoverage';
  const before = result.before ?? community?.[coverageKey] ?? null;
  const after = result.after;

  return (
    <div className="panel-body what-if" data-testid="what-if">
      <header className="panel-header">
        <h2>{t('whatIf')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      {!community ? (
        <p className="hint">{t('selectCommunityFirst')}</p>
      ) : (
        <>
          <p>
            <strong lang="zh" className="place-name">
              {community.name}
            </strong>{' '}
            <span className="hint">{community.code}</span>
          </p>
          <p className="hint">{t('whatIfHelp')}</p>
          {!result.available && <p className="hint">{t('notAvailable')}</p>}
          <div className="button-row">
            <button type="button" aria-pressed={placing === 'stop'} className={placing === 'stop' ? 'current' : undefined} onClick={() => onPlace(placing === 'stop' ? null : 'stop')} data-testid="place-stop">
              {t('placeStop')}
            </button>
            <button type="button" aria-pressed={placing === 'camera'} className={placing === 'camera' ? 'current' : undefined} onClick={() => onPlace(placing === 'camera' ? null : 'camera')} data-testid="place-camera">
              {t('placeCamera')}
            </button>
            <button type="button" onClick={() => onSite(null)} disabled={!site}>
              {t('clearWhatIf')}
            </button>
          </div>
          {site?.kind === 'camera' && (
            <div className="camera-fields">
              <NumberField label={t('directionDeg')} value={site.directionDeg} min={0} max={359} onChange={(directionDeg) => onSite({ ...site, directionDeg: ((directionDeg % 360) + 360) % 360 })} testId="camera-direction" />
              <NumberField label={t('fovDeg')} value={site.fovDeg} min={1} max={360} onChange={(fovDeg) => onSite({ ...site, fovDeg: Math.min(360, Math.max(1, fovDeg)) })} testId="camera-fov" />
              <NumberField label={t('rangeM')} value={site.rangeM} min={1} max={500} onChange={(rangeM) => onSite({ ...site, rangeM: Math.min(500, Math.max(1, rangeM)) })} testId="camera-range" />
            </div>
          )}
          {site && (
            <table className="what-if-result" data-testid="what-if-result" aria-busy={result.loading}>
              <thead>
                <tr>
                  <th />
                  <th scope="col">{t('before')}</th>
                  <th scope="col">{t('after')}</th>
                  <th scope="col">{t('change')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('coveredShare')}</th>
                  <td className="number" data-testid="share-before" data-value={before?.coveredShare}>
                    {formatShare(before?.coveredShare, language)}
                  </td>
                  <td className="number" data-testid="share-after" data-value={after?.coveredShare}>
                    {result.loading ? '…' : formatShare(after?.coveredShare, language)}
                  </td>
                  <td className="number delta">{before && after ? `+${formatShare(after.coveredShare - before.coveredShare, language)}` : '–'}</td>
                </tr>
                <tr>
                  <th scope="row">{t('uncoveredAreaM2')}</th>
                  <td className="number">{formatArea(before?.uncoveredAreaM2, language)}</td>
                  <td className="number">{result.loading ? '…' : formatArea(after?.uncoveredAreaM2, language)}</td>
                  <td className="number delta">{before && after ? formatArea(after.uncoveredAreaM2 - before.uncoveredAreaM2, language) : '–'}</td>
                </tr>
              </tbody>
            </table>
          )}
          {result.error && <p className="error" role="alert">{result.error}</p>}
          <SuggestionList suggestions={suggestions} available={result.suggestionsAvailable} onChoose={(location) => onSite({ kind: 'stop', lon: location.coordinates[0], lat: location.coordinates[1], directionDeg: 0, fovDeg: 90, rangeM: 50 })} />
        </>
      )}
    </div>
  );
}
