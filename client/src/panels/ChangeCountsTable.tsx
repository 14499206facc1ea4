// A small table of what changed per layer: added, changed, removed; "≥" where a layer's answer was cut short.
import { CHANGE_KINDS } from '../api/changes-query';
import type { LayerChangeCount } from '../changes/change-counts';
import { formatNumber } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';
import { KindBadge } from './KindBadge';

export function ChangeCountsTable({ rows, onOpen, testId }: { rows: readonly LayerChangeCount[]; onOpen?: () => void; testId: string }) {
  const { t, language } = useLanguage();
  return (
    <table className="change-counts" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('changesLayer')}</th>
          {CHANGE_KINDS.map((kind) => (
            <th key={kind} scope="col" className="number">
              <KindBadge kind={kind} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.layer} data-layer={row.layer}>
            <th scope="row">{t(`layer.${row.layer}` as MessageKey)}</th>
            {CHANGE_KINDS.map((kind) => {
              const text = `${row.truncated ? '≥ ' : ''}${formatNumber(row.counts[kind], language)}`;
              return (
                <td key={kind} className="number" data-testid={`${testId}-${row.layer}-${kind}`} data-value={row.counts[kind]}>
                  {onOpen && row.counts[kind] > 0 ? (
                    <button type="button" className="link-button" onClick={onOpen}>
                      {text}
                    </button>
                  ) : (
                    text
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
