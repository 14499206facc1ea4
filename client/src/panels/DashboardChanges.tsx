// The dashboard's "what changed since last month": counts per layer and kind in the district (counted on the hub,
// changeCounts), linking to the map's view of them.
import type { SchemaFields } from '../api/schema-fields';
import { useChangeCounts } from '../api/useChangeCounts';
import { LAST_MONTH } from '../changes/change-selection';
import { useLanguage } from '../i18n/useLanguage';
import { ChangeCountsTable } from './ChangeCountsTable';

// camerasHidden: the hub leaves cameras out of the counts itself for a viewer who may not see them.
export function DashboardChanges({ district, token, fields, onOpen }: { district: string | null; camerasHidden: boolean; token: string | null; fields: SchemaFields | null; onOpen(): void }) {
  const { t } = useLanguage();
  const changes = useChangeCounts(LAST_MONTH, district, token, fields);
  if (!changes.available) return null;
  const rows = changes.rows;
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
