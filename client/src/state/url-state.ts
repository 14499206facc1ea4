// The shareable part of the page (view, layers, standard, selection, open panel, which changes) as a URL hash, and back.
import { formatChangeSelection, LAST_MONTH, parseChangeSelection, type ChangeSelection } from '../changes/change-selection';

export type StandardId = 'bus' | 'camera' | 'grid' | 'renovation';
export type PanelId = 'community' | 'dashboard' | 'whatif' | 'changes' | 'sources' | 'none';

export const STANDARD_IDS: readonly StandardId[] = ['bus', 'camera', 'grid', 'renovation'];

export interface MapViewState {
  zoom: number;
  lat: number;
  lon: number;
}

export interface UrlState {
  view: MapViewState | null;
  layers: string[] | null;
  standard: StandardId;
  community: string | null;
  district: string | null;
  panel: PanelId;
  /** Bus stops' reach: straight line, or walking along the roads. */
  along: 'line' | 'roads';
  /** What the "what changed" view shows (`ch`: `v:41`, `m:2026-11`; absent: since last month). */
  changes: ChangeSelection;
}

const PANELS: readonly PanelId[] = ['community', 'dashboard', 'whatif', 'changes', 'sources', 'none'];

export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const [zoom, lat, lon] = (params.get('v') ?? '').split('/').map(Number);
  const view = [zoom, lat, lon].every((n) => Number.isFinite(n)) && params.has('v') ? { zoom, lat, lon } : null;
  const standard = params.get('s') as StandardId | null;
  const panel = params.get('p') as PanelId | null;
  return {
    view,
    layers: params.has('l') ? (params.get('l') ?? '').split(',').filter(Boolean) : null,
    standard: standard && STANDARD_IDS.includes(standard) ? standard : 'bus',
    community: params.get('c') || null,
    district: params.get('d') || null,
    panel: panel && PANELS.includes(panel) ? panel : params.get('c') ? 'community' : 'none',
    along: params.get('a') === 'roads' ? 'roads' : 'line',
    changes: params.has('ch') ? parseChangeSelection(params.get('ch')) : LAST_MONTH,
  };
}

export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.view) params.set('v', `${state.view.zoom.toFixed(2)}/${state.view.lat.toFixed(5)}/${state.view.lon.toFixed(5)}`);
  if (state.layers) params.set('l', state.layers.join(','));
  params.set('s', state.standard);
  if (state.community) params.set('c', state.community);
  if (state.district) params.set('d', state.district);
  if (state.panel !== 'none') params.set('p', state.panel);
  if (state.along === 'roads') params.set('a', 'roads');
  const changes = formatChangeSelection(state.changes);
  if (changes) params.set('ch', changes);
  // URLSearchParams escapes "/", "," and ":"; the hash reads better without.
  return `#${params.toString().replace(/%2F/g, '/').replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}
