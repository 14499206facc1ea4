// Download links for the district's table (Excel, CSV) and its gaps (GeoJSON), served by the hub's export routes.
import { useLanguage } from '../i18n/useLanguage';
import { exportUrl, type ExportKind } from '../api/export-urls';
import { useDownload } from '../api/useDownload';

export function ExportLinks({ district, token }: { district: string | null; token: string | null }) {
  const { t } = useLanguage();
  const { download, error } = useDownload(token);
  const links: { kind: ExportKind; label: string }[] = [
    { kind: 'xlsx', label: t('exportXlsx') },
    { kind: 'csv', label: t('exportCsv') },
    { kind: 'gaps', label: t('exportGaps') },
    { kind: 'camera-gaps', label: t('exportCameraGaps') },
  ];
  return (
    <div className="button-row export-links">
      <span className="field-label">{t('export')}</span>
      {links.map((link) => (
        <button key={link.kind} type="button" onClick={() => void download(exportUrl(link.kind, district))} data-testid={`export-${link.kind}`}>
          {link.label}
        </button>
      ))}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
