// The top bar: the hub's name, community search, the views (map, dashboard, what-if, what changed, sources, explorer), language and sign-in.
import { useLanguage } from '../i18n/useLanguage';
import type { PanelId } from '../state/url-state';
import { LanguageSwitch } from './LanguageSwitch';
import { SearchBox } from './SearchBox';
import { SignInDialog } from './SignInDialog';

export interface HeaderProps {
  token: string | null;
  onToken(token: string | null): void;
  panel: PanelId;
  onPanel(panel: PanelId): void;
  districtNames: ReadonlyMap<string, string>;
  onSearch(code: string): void;
}

export function Header({ token, onToken, panel, onPanel, districtNames, onSearch }: HeaderProps) {
  const { t } = useLanguage();
  const views: { id: PanelId; label: string }[] = [
    { id: 'none', label: t('mapView') },
    { id: 'dashboard', label: t('dashboard') },
    { id: 'whatif', label: t('whatIf') },
    { id: 'changes', label: t('changes') },
    { id: 'sources', label: t('sources') },
  ];
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          社
        </span>
        <div>
          <h1>{t('appTitle')}</h1>
          <p className="hint">{t('appSubtitle')}</p>
        </div>
      </div>
      <SearchBox token={token} districtNames={districtNames} onChoose={onSearch} />
      <nav className="views" aria-label={t('mapView')}>
        {views.map((view) => (
          <button
            key={view.id}
            type="button"
            className={`header-button${panel === view.id || (view.id === 'none' && panel === 'community') ? ' current' : ''}`}
            aria-pressed={panel === view.id}
            onClick={() => onPanel(view.id)}
            data-testid={`view-${view.id}`}
          >
            {view.label}
          </button>
        ))}
        <a className="header-button" href="/explorer" target="_blank" rel="noreferrer">
          {t('explorer')}
        </a>
      </nav>
      <div className="header-end">
        <LanguageSwitch />
        <SignInDialog token={token} onToken={onToken} />
      </div>
    </header>
  );
}
