// The choice of what the "what changed" view shows: since this day last month, since a month began, or one data version.
import { useMemo } from 'react';
import type { DataVersionFacts } from '../api/changes-query';
import { formatChangeSelection, parseChangeSelection, recentMonths, type ChangeSelection } from '../changes/change-selection';
import { fillIn, formatDay, formatMonth } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';

const LAST_MONTH_VALUE = 'last';

export function ChangeSelect({ selection, versions, onSelection }: { selection: ChangeSelection; versions: readonly DataVersionFacts[] | null; onSelection(selection: ChangeSelection): void }) {
  const { t, language } = useLanguage();
  const months = useMemo(() => recentMonths(new Date(), 12), []);
  const value = formatChangeSelection(selection) ?? LAST_MONTH_VALUE;
  const listed = versions?.filter((version) => version.added + version.changed + version.removed > 0) ?? [];
  // A link may name a version older than the list: keep it choosable.
  const missing = selection.kind === 'version' && !listed.some((version) => version.id === selection.id);
  return (
    <label className="field">
      <span className="field-label">{t('changesShow')}</span>
      <select value={value} onChange={(event) => onSelection(parseChangeSelection(event.target.value))} data-testid="change-select">
        <option value={LAST_MONTH_VALUE}>{t('changesLastMonth')}</option>
        <optgroup label={t('changesMonths')}>
          {months.map((month) => (
            <option key={month} value={`m:${month}`}>
              {fillIn(t('changesSinceMonth'), { month: formatMonth(month, language) })}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('changesVersions')}>
          {missing && <option value={value}>{fillIn(t('changesExportVersion'), { id: selection.id, layer: '…' })}</option>}
          {listed.map((version) => (
            <option key={version.id} value={`v:${version.id}`}>
              {fillIn(t('changesVersionOption'), { id: version.id, layer: t(`layer.${version.layer}` as MessageKey), date: formatDay(version.at, language), added: version.added, changed: version.changed, removed: version.removed })}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
