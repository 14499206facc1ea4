// The page: header (search, views, language, sign-in), layer panel, map, and the side panel of the open view.
import { useCallback, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useChanges } from './api/useChanges';
import { useCommunity } from './api/useCommunity';
import { useDataVersions } from './api/useDataVersions';
import { formatChangeSelection, LAST_MONTH } from './changes/change-selection';
import { changeFeatures } from './map/change-features';
import { useFitChanges } from './map/useFitChanges';
import { ChangesPanel } from './panels/ChangesPanel';
import { useDistricts } from './api/useDistricts';
import { useSchemaFields } from './api/useSchemaFields';
import { useStandardRules } from './api/useStandardRules';
import { useLanguage } from './i18n/useLanguage';
import { AtlasMap } from './map/AtlasMap';
import { geometryBounds } from './map/geometry-bounds';
import { DEFAULT_VISIBLE, drawnLayers } from './map/layer-groups';
import { selectionFeatures } from './map/selection-features';
import { EMPTY_COLLECTION } from './map/useGeoJsonLayers';
import type { MapClick } from './map/useMapClick';
import { useFitOnLoad } from './map/useFitOnLoad';
import { useInitialFit } from './map/useInitialFit';
import { useFitDistrict } from './map/useFitDistrict';
import { useResizeOnPrint } from './map/useResizeOnPrint';
import { CommunityPanel } from './panels/CommunityPanel';
import { DashboardPanel } from './panels/DashboardPanel';
import { Header } from './panels/Header';
import { LayerPanel } from './panels/LayerPanel';
import { AlongSwitch } from './panels/AlongSwitch';
import { PrintHeader } from './panels/PrintHeader';
import { WhatIfPanel, type WhatIfSite } from './panels/WhatIfPanel';
import { SourcesPanel } from './panels/SourcesPanel';
import { readTokenClaims } from './state/token-claims';
import type { PanelId } from './state/url-state';
import { useToken } from './state/useToken';
import { useUrlState } from './state/useUrlState';
import type { Geometry } from 'geojson';

export function App() {
  const { t } = useLanguage();
  const [url, setUrl] = useUrlState();
  const [token, setToken] = useToken();
  const fields = useSchemaFields(token);
  const districts = useDistricts(token);
  const rules = useStandardRules(token, fields);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [whatIfSite, setWhatIfSite] = useState<WhatIfSite | null>(null);
  const [placing, setPlacing] = useState<WhatIfSite['kind'] | null>(null);
  const [overlays, setOverlays] = useState<{ whatIf: FeatureCollection; suggestions: FeatureCollection }>({ whatIf: EMPTY_COLLECTION, suggestions: EMPTY_COLLECTION });
  const claims = readTokenClaims(token);
  const camerasHidden = !claims || claims.role === 'public';

  const community = useCommunity(url.community, token, fields);
  const facts = community.data?.community ?? null;
  // While a what-if site stands, the gaps drawn are the hub's answer with it, not today's.
  const selection = useMemo(() => selectionFeatures(facts, url.standard, whatIfSite === null), [facts, url.standard, whatIfSite]);
  const requestFit = useFitOnLoad(map, facts ? { key: facts.code, geometry: facts.boundary } : null);
  const chosenLayers = url.layers ?? DEFAULT_VISIBLE;
  const visibleLayers = whatIfSite ? chosenLayers.filter((id) => id !== 'coverage-gaps') : chosenLayers;
  const mapLayers = useMemo(() => drawnLayers(visibleLayers, url.along), [visibleLayers, url.along]);
  const [startedWithView] = useState(() => url.view !== null);
  useInitialFit(map, !startedWithView, token);
  const dashboardDistrict = url.panel === 'dashboard' ? url.district : null;
  useFitDistrict(map, dashboardDistrict, dashboardDistrict ? districts.boundaries.get(dashboardDistrict) : undefined, startedWithView);
  useResizeOnPrint(map);

  const changesOpen = url.panel === 'changes';
  const changes = useChanges(url.changes, camerasHidden, token, changesOpen ? fields : null, true);
  const versions = useDataVersions(token, changesOpen ? fields : null);
  const changeList = useMemo(() => (changes.byLayer ? [...changes.byLayer.values()].flatMap((page) => page.nodes) : null), [changes.byLayer]);
  const changeCollection = useMemo(() => (changesOpen && changeList ? changeFeatures(changeList) : EMPTY_COLLECTION), [changesOpen, changeList]);
  const changeGeometries = useMemo(() => (changesOpen && changeList ? changeCollection.features.map((feature) => feature.geometry) : null), [changesOpen, changeList, changeCollection]);
  useFitChanges(map, changesOpen ? formatChangeSelection(url.changes) ?? 'last-month' : null, changeGeometries, startedWithView);

  const openPanel = useCallback((panel: PanelId) => setUrl({ panel }), [setUrl]);
  const selectCommunity = useCallback(
    (code: string | null, fit: boolean) => {
      setUrl({ community: code, panel: code ? (url.panel === 'whatif' ? 'whatif' : 'community') : 'none' });
      if (fit && code) requestFit(code);
      setWhatIfSite(null);
    },
    [setUrl, url.panel, requestFit],
  );

  const onMapClick = useCallback(
    (click: MapClick) => {
      if (placing) {
        setWhatIfSite((previous) => ({ kind: placing, lon: click.lngLat.lng, lat: click.lngLat.lat, directionDeg: previous?.directionDeg ?? 0, fovDeg: previous?.fovDeg ?? 90, rangeM: previous?.rangeM ?? 50 }));
        setPlacing(null);
        return;
      }
      const code = click.feature?.properties?.code;
      selectCommunity(typeof code === 'string' ? code : null, false);
    },
    [placing, selectCommunity],
  );

  const fitGeometries = useCallback(
    (geometries: (Geometry | null | undefined)[]) => {
      const bounds = geometryBounds(geometries);
      if (map && bounds) map.fitBounds(bounds, { padding: 60, maxZoom: 17, duration: 600 });
    },
    [map],
  );

  return (
    <div className={`app panel-${url.panel}`}>
      <a className="skip-link" href="#map">
        {t('skipToMap')}
      </a>
      <Header token={token} onToken={setToken} panel={url.panel} onPanel={openPanel} districtNames={districts.names} onSearch={(code) => selectCommunity(code, true)} />
      <PrintHeader districtName={url.district ? districts.names.get(url.district) ?? url.district : null} token={token} />
      <aside className="sidebar" aria-label={t('layers')}>
        <LayerPanel
          visible={visibleLayers}
          onToggle={(layer, on) => setUrl({ layers: on ? [...chosenLayers, layer] : chosenLayers.filter((id) => id !== layer) })}
          standard={url.standard}
          onStandard={(standard) => setUrl({ standard })}
          camerasHidden={camerasHidden}
        />
        <AlongSwitch along={url.along} onAlong={(along) => setUrl({ along })} />
      </aside>
      <main id="map" className="map-area">
        <AtlasMap
          initialView={url.view}
          view={url.view}
          token={token}
          visibleLayers={mapLayers}
          standard={url.standard}
          selection={selection}
          whatIf={overlays.whatIf}
          suggestions={overlays.suggestions}
          changes={changeCollection}
          districtLabels={districts.labels}
          placing={placing !== null}
          onClick={onMapClick}
          onView={(view) => setUrl({ view })}
          onMap={setMap}
          label={t('mapView')}
        />
        {placing && <div className="map-banner" role="status">{t('clickMapToPlace')}</div>}
      </main>
      {url.panel !== 'none' && (
        <aside className="side-panel" aria-label={t(url.panel === 'dashboard' ? 'dashboard' : url.panel === 'whatif' ? 'whatIf' : url.panel === 'sources' ? 'sources' : url.panel === 'changes' ? 'changes' : 'community')}>
          {url.panel === 'community' && url.community && (
            <CommunityPanel
              community={facts}
              rules={rules}
              loading={community.loading}
              error={community.error}
              onClose={() => selectCommunity(null, false)}
              onZoomTo={() => fitGeometries([facts?.boundary])}
              onZoomToGaps={() => fitGeometries([url.standard === 'camera' ? facts?.cameraCoverage?.gaps : facts?.busStopCoverage?.gaps ?? facts?.cameraCoverage?.gaps])}
              onWhatIf={() => openPanel('whatif')}
            />
          )}
          {url.panel === 'community' && !url.community && <div className="panel-body hint">{t('selectCommunityFirst')}</div>}
          {url.panel === 'dashboard' && (
            <DashboardPanel
              token={token}
              fields={fields}
              districts={districts.list}
              district={url.district ?? claims?.district ?? null}
              onDistrict={(district) => setUrl({ district })}
              onCommunity={(code) => selectCommunity(code, true)}
              onChanges={() => setUrl({ panel: 'changes', changes: LAST_MONTH })}
              camerasHidden={camerasHidden}
              onClose={() => openPanel('none')}
            />
          )}
          {url.panel === 'whatif' && (
            <WhatIfPanel
              token={token}
              fields={fields}
              community={facts}
              site={whatIfSite}
              onSite={setWhatIfSite}
              placing={placing}
              onPlace={setPlacing}
              onOverlays={setOverlays}
              onClose={() => openPanel(url.community ? 'community' : 'none')}
            />
          )}
          {url.panel === 'changes' && (
            <ChangesPanel
              selection={url.changes}
              onSelection={(selection) => setUrl({ changes: selection })}
              changes={changes}
              versions={versions}
              camerasHidden={camerasHidden}
              token={token}
              onFlyTo={(change) => fitGeometries([change.before, change.after])}
              onClose={() => openPanel('none')}
            />
          )}
          {url.panel === 'sources' && <SourcesPanel token={token} onClose={() => openPanel('none')} />}
        </aside>
      )}
    </div>
  );
}
