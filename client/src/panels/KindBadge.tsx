// A change's kind as a coloured badge, in the map's colours: added green, changed amber, removed red.
import type { FeatureChangeKind } from '../api/changes-query';
import type { MessageKey } from '../i18n/messages';
import { useLanguage } from '../i18n/useLanguage';

export function KindBadge({ kind }: { kind: FeatureChangeKind }) {
  const { t } = useLanguage();
  return <span className={`badge badge-${kind.toLowerCase()}`}>{t(`change.${kind}` as MessageKey)}</span>;
}
