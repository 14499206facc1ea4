// The switch "straight line / along roads": how the map draws the bus stops' 500 m reach.
import type { Along } from '../map/layer-groups';
import { useLanguage } from '../i18n/useLanguage';

export interface AlongSwitchProps {
  along: Along;
  onAlong(along: Along): void;
}

export function AlongSwitch({ along, onAlong }: AlongSwitchProps) {
  const { t } = useLanguage();
  return (
    <fieldset className="along-switch" data-testid="along-switch">
      <legend className="field-label">{t('stopReach')}</legend>
      {(['line', 'roads'] as const).map((value) => (
        <label key={value}>
          <input type="radio" name="along" value={value} checked={along === value} onChange={() => onAlong(value)} data-testid={`along-${value}`} />
          {t(value === 'line' ? 'alongStraightLine' : 'alongRoads')}
        </label>
      ))}
    </fieldset>
  );
}
