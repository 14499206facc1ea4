// The district dashboard for officials: pass share of each standard and its trend, what changed since last month, the renovation programme, failing communities, exports, print.
import { useState } from 'react';
import type { SchemaFields } from '../api/schema-fields';
import type { DistrictName } from '../api/useDistricts';
import { tokenDistrict } from '../api/token-district';
import { useDashboardData, type RenovationProgram } from '../api/useDashboardData';
import { useBusCoverageBoth } from '../api/useBusCoverageBoth';
import { formatShare } from '../i18n/format';
import { STANDARD_LABELS } from '../standards/standard-labels';
import { useLanguage } from '../i18n/useLanguage';
import { DashboardChanges } from './DashboardChanges';
import { DashboardTrends } from './DashboardTrends';
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
  /** Opens the map's "what changed" view. */
  onChanges(): void;
  camerasHidden: boolean;
  onClose(): void;
}

export function DashboardPanel({ token, fields, districts, district, onDistrict, onCommunity, onChanges, camerasHidden, onClose }: DashboardPanelProps) {
  const { t, language } = useLanguage();
  const [ruleId, setRuleId] = useState('bus-stop-500m');
  const [program, setProgram] = useState<RenovationProgram>('CITY');
  const own = tokenDistrict(token);
  // An official reads the areas of their own district only: another district's dashboard would be all 0 / 0.
  const notOwn = own !== null && district !== null && district !== own;
  const { summaries, years, loading, error, available } = useDashboardData(notOwn ? null : district, program, token, fields);
  const bus = useBusCoverageBoth(district, token, fields !== null && !notOwn);
  const districtName = (code: string) => districts.find((d) => d.code === code)?.name ?? code;
  const label = (id: string, zh: string, en: string) => STANDARD_LABELS[id]?.[language] ?? (language === 'zh' ? zh : en);
  const chosen = summaries?.find((summary) => summary.rule.id === ruleId) ?? summaries?.[0] ?? null;
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
          <option value="">{own ? districtName(own) : t('allDistricts')}</option>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {notOwn && (
        <p className="hint" role="status" data-testid="not-your-district">
          {t('notYourDistrict').replace('{district}', districtName(district!)).replace('{own}', districtName(own!))}
        </p>
      )}
      {error && <p className="error" role="alert">{`${t('error')}: ${error}`}</p>}
      {fields && !available && <p className="hint">{t('notAvailable')}</p>}
      {!summaries && loading && <p className="hint">{t('loading')}</p>}

      {summaries && !notOwn && (
        <section>
          <h3>{t('passShare')}</h3>
          {summaries.map((summary) => (
            <ProgressBar
              key={summary.rule.id}
              label={`${label(summary.rule.id, summary.rule.titleZh, summary.rule.titleEn)}${t('countedInCommunities')}`}
              done={summary.passed}
              whole={summary.evaluated}
              testId={`pass-${summary.rule.id}`}
            />
          ))}
        </section>
      )}

      {bus.data && !notOwn && (
        <p data-testid="dashboard-bus-along">
          {t('busCoverageAlong')}: {t('alongStraightLine')} <strong data-testid="dashboard-bus-line">{formatShare(bus.data.line.coveredShare, language)}</strong> ·{' '}
          {t('alongRoads')} <strong data-testid="dashboard-bus-roads">{formatShare(bus.data.roads.coveredShare, language)}</strong>
        </p>
      )}

      {summaries && !notOwn && (
        <DashboardTrends
          rules={summaries.map((summary) => ({ id: summary.rule.id, title: label(summary.rule.id, summary.rule.titleZh, summary.rule.titleEn) }))}
          district={district}
          token={token}
          fields={fields}
        />
      )}

      {!notOwn && <DashboardChanges district={district} camerasHidden={camerasHidden} token={token} fields={fields} onOpen={onChanges} />}

      {years && !notOwn && (
        <section>
          <h3>{t('renovationProgress')}</h3>
          <div className="tabs no-print" role="tablist">
            {(['CITY', 'OWNER'] as const).map((id) => (
              <button key={id} type="button" role="tab" aria-selected={program === id} className={program === id ? 'tab current' : 'tab'} onClick={() => setProgram(id)}>
                {t(id === 'CITY' ? 'programCity' : 'programOwner')}
              </button>
            ))}
          </div>
          <p className="print-only">{t(program === 'CITY' ? 'programCity' : 'programOwner')}</p>
          {years.map((year) => (
            <ProgressBar key={year.year} label={`${year.year} ${t('annualPlan')}`} done={year.completed} partial={year.inProgress} whole={year.planned} testId={`renovation-${year.year}`} />
          ))}
          <RenovationChart years={years} />
        </section>
      )}

      {summaries && chosen && !notOwn && (
        <section>
          <h3>{t('failingCommunities')}</h3>
          <label className="field no-print">
            <span className="field-label">{t('standard')}</span>
            <select value={chosen.rule.id} onChange={(event) => setRuleId(event.target.value)} data-testid="failing-standard">
              {summaries.map((summary) => (
                <option key={summary.rule.id} value={summary.rule.id}>
                  {label(summary.rule.id, summary.rule.titleZh, summary.rule.titleEn)} ({summary.failed})
                </option>
              ))}
            </select>
          </label>
          <p className="print-only">{label(chosen.rule.id, chosen.rule.titleZh, chosen.rule.titleEn)}</p>
          <FailingTable rows={chosen.worst} ruleId={chosen.rule.id} onCommunity={onCommunity} />
        </section>
      )}
      <section className="no-print">
        <ExportLinks district={district} token={token} />
      </section>
    </div>
  );
}
