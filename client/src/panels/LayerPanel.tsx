// The layer list: a checkbox per layer group with its legend, and the standard that colours the communities.
import { useLanguage } from '../i18n/useLanguage';
import type { MessageKey } from '../i18n/messages';
import { LAYER_GROUPS } from '../map/layer-groups';
import { STANDARD_IDS, type StandardId } from '../state/url-state';
import { LayerLegend } from './LayerLegend';

export interface LayerPanelProps {
  visible: readonly string[];
  onToggle(layer: string, on: boolean): void;
  standard: StandardId;
  onStandard(standard: StandardId): void;
  camerasHidden: boolean;
}

export function LayerPanel({ visible, onToggle, standard, onStandard, camerasHidden }: LayerPanelProps) {
  const { t } = useLanguage();
  return (
    <section className="layer-panel" aria-labelledby="layers-heading">
      <label className="field">
        <span className="field-label">{t('colourBy')}</span>
        <select value={standard} onChange={(event) => onStandard(event.target.value as StandardId)} data-testid="standard-select">
          {STANDARD_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`standard.${id}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <h2 id="layers-heading">{t('layers')}</h2>
      <ul className="layer-list">
        {LAYER_GROUPS.filter((group) => !group.switchedIn).map((group) => {
          const on = visible.includes(group.id);
          return (
            <li key={group.id} className={on ? 'on' : 'off'}>
              <label className="layer-toggle">
                <input type="checkbox" checked={on} onChange={(event) => onToggle(group.id, event.target.checked)} data-testid={`toggle-${group.id}`} />
                <span>{t(`layer.${group.id}` as MessageKey)}</span>
              </label>
              {on && <LayerLegend layer={group.id} standard={standard} />}
              {on && group.id === 'cameras' && camerasHidden && <p className="hint">{t('cameraHidden')}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
