// The list beside the map: each changed feature with its layer, code (and name), kind and time; a click zooms the map to it.
import type { FeatureChangeFacts } from '../api/changes-query';
import { fillIn, formatDateTime, formatNumber } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';
import { KindBadge } from './KindBadge';

/** Rows drawn at most: the map shows every change, the list its newest. */
export const LISTED_AT_MOST = 300;

const nameOf = (change: FeatureChangeFacts) => {
  const name = (change.attributesAfter ?? change.attributesBefore)?.name;
  return typeof name === 'string' && name ? name : null;
};

export function ChangeList({ changes, onFlyTo }: { changes: readonly FeatureChangeFacts[]; onFlyTo(change: FeatureChangeFacts): void }) {
  const { t, language } = useLanguage();
  const shown = changes.slice(0, LISTED_AT_MOST);
  return (
    <>
      {changes.length > shown.length && <p className="hint">{fillIn(t('changesListed'), { shown: formatNumber(shown.length, language), total: formatNumber(changes.length, language) })}</p>}
      <table className="change-list" data-testid="change-list">
        <thead>
          <tr>
            <th scope="col">{t('changesLayer')}</th>
            <th scope="col">{t('changesCode')}</th>
            <th scope="col">{t('changesKind')}</th>
            <th scope="col">{t('changesWhen')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((change) => (
            <tr key={`${change.layer}:${change.code}`} data-layer={change.layer} data-code={change.code} data-kind={change.kind}>
              <td>{t(`layer.${change.layer}` as MessageKey)}</td>
              <td>
                <button type="button" className="link-button" onClick={() => onFlyTo(change)} title={t('changesFlyTo')} data-testid="change-fly-to">
                  {change.code}
                </button>
                {nameOf(change) && (
                  <span className="hint" lang="zh">
                    {' '}
                    {nameOf(change)}
                  </span>
                )}
              </td>
              <td>
                <KindBadge kind={change.kind} />
              </td>
              <td className="hint">{formatDateTime(change.at, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
