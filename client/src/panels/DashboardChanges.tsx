// The dashboard's "what changed since last month": counts per layer and kind in the district, linking to the map's view of them.
import type { SchemaFields } from '../api/schema-fields';
import { useChanges } from '../api/useChanges';
import { countChanges } from '../changes/change-counts';
import { LAST_MONTH } from '../changes/change-selection';
import { useLanguage } from '../i18n/useLanguage';
import { ChangeCountsTable } from './ChangeCountsTable';

export function DashboardChanges({ district, camerasHidden, token, fields, onOpen }: { district: string | null; camerasHidden: boolean; token: string | null; fields: SchemaFields | null; onOpen(): void }) {
  const { t } = useLanguage();
  const changes = useChanges(LAST_MONTH, camerasHidden, token, fields, false);
  if (!changes.available) return null;
  const rows = changes.byLayer ? countChanges(changes.byLayer, district) : null;
  return (
    <section data-testid="dashboard-changes">
      <h3>{t('changesSinceLastMonth')}</h3>
      {changes.error && <p className="error" role="alert">{`${t('error')}: ${changes.error}`}</p>}
      {rows && rows.length === 0 && <p className="hint">{t('changesNone')}</p>}
      {rows && rows.length > 0 && <ChangeCountsTable rows={rows} onOpen={onOpen} testId="dashboard-change-counts" />}
      {district && rows && rows.length > 0 && <p className="hint">{t('changesDistrictNote')}</p>}
      <button type="button" className="link-button no-print" onClick={onOpen} data-testid="dashboard-changes-open">
        {t('changesOnMap')}
      </button>
    </section>
  );
}
