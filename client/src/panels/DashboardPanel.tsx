// The district dashboard for officials: failing communities by shortfall, pass shares, the renovation programme, exports, print.
import { useMemo, useState } from 'react';
import type { SchemaFields } from '../api/schema-fields';
import type { DistrictName } from '../api/useDistricts';
import { useDashboardData } from '../api/useDashboardData';
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';
import { failingCommunities, passShares, renovationByYear, type DashboardStandard } from '../standards/dashboard-summary';
import { ExportLinks } from './ExportLinks';
import { FailingTable } from './FailingTable';
import { ProgressBar } from './ProgressBar';
import { RenovationChart } from './RenovationChart';

export interface DashboardPanelProps {
  token: string | null;
  fields: SchemaFields | null;
  districts: readonly DistrictName[];
  district: string | null;
  onDistrict(district: string | null): void;
  onCommunity(code: string): void;
  onClose(): void;
}

export function DashboardPanel({ token, fields, districts, district, onDistrict, onCommunity, onClose }: DashboardPanelProps) {
  const { t } = useLanguage();
  const [standard, setStandard] = useState<DashboardStandard>('bus');
  const { data, loading, error } = useDashboardData(district, token, fields);
  const summary = useMemo(
    () => (data ? { failing: failingCommunities(data, standard), shares: passShares(data), years: renovationByYear(data) } : null),
    [data, standard],
  );
  const available = (['bus', 'camera', 'grid'] as const).filter((id) => id === 'grid' || data?.[id]);
  return (
    <div className="panel-body dashboard" data-testid="dashboard" aria-busy={loading}>
      <header className="panel-header">
        <h2>{t('dashboard')}</h2>
        <div className="button-row no-print">
          <button type="button" onClick={() => window.print()} data-testid="print">
            {t('print')}
          </button>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </div>
      </header>
      <label className="field no-print">
        <span className="field-label">{t('chooseDistrict')}</span>
        <select value={district ?? ''} onChange={(event) => onDistrict(event.target.value || null)} data-testid="district-select">
          <option value="">{t('allDistricts')}</option>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error" role="alert">{`${t('error')}: ${error}`}</p>}
      {!data && loading && <p className="hint">{t('loading')}</p>}
      {summary && data && (
        <>
          <section>
            <h3>{t('passShare')}</h3>
            {summary.shares.map((share) => (
              <ProgressBar key={share.standard} label={t(`standard.${share.standard}` as MessageKey)} done={share.passing} whole={share.total} testId={`pass-${share.standard}`} />
            ))}
          </section>
          <section>
            <h3>{t('renovationProgress')}</h3>
            {summary.years.map((year) => (
              <ProgressBar key={year.year} label={`${year.year} ${t('annualPlan')}`} done={year.completed} partial={year.inProgress} whole={year.listed} testId={`renovation-${year.year}`} />
            ))}
            <RenovationChart years={summary.years} />
          </section>
          <section>
            <h3>{t('failingCommunities')}</h3>
            <div className="tabs no-print" role="tablist">
              {available.map((id) => (
                <button key={id} type="button" role="tab" aria-selected={standard === id} className={standard === id ? 'tab current' : 'tab'} onClick={() => setStandard(id)} data-testid={`failing-tab-${id}`}>
                  {t(`standard.${id}` as MessageKey)}
                  {(() => {
                    const rows = failingCommunities(data, id);
                    return rows ? ` (${rows.length})` : '';
                  })()}
                </button>
              ))}
            </div>
            <p className="print-only">{t(`standard.${standard}` as MessageKey)}</p>
            {summary.failing ? <FailingTable rows={summary.failing} standard={standard} onCommunity={onCommunity} /> : <p className="hint">{t('notAvailable')}</p>}
          </section>
          <section className="no-print">
            <ExportLinks district={district} token={token} />
          </section>
        </>
      )}
    </div>
  );
}
