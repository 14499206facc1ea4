// The hub's suggested sites for a new stop, numbered as on the map, with what each would add; choosing one tries it.
import type { Point } from 'geojson';
import type { SiteSuggestion } from '../api/useWhatIf';
import { formatArea, formatShare } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

export function SuggestionList({ suggestions, available, onChoose }: { suggestions: readonly SiteSuggestion[] | null; available: boolean; onChoose(location: Point): void }) {
  const { t, language } = useLanguage();
  if (!available) return null;
  return (
    <section>
      <h3>{t('suggestedSites')}</h3>
      {!suggestions && <p className="hint">{t('loading')}</p>}
      {suggestions && suggestions.length === 0 && <p className="hint">{t('none')}</p>}
      <ol className="suggestions" data-testid="suggestions">
        {(suggestions ?? []).map((suggestion) => (
          <li key={suggestion.rank}>
            <button type="button" className="link-button" onClick={() => onChoose(suggestion.location)}>
              {t('tryIt')} #{suggestion.rank}
            </button>{' '}
            {t('adds')} +{formatShare(suggestion.addedShare, language)} ({formatArea(suggestion.addedAreaM2, language)}) → {formatShare(suggestion.coveredShareAfter, language)}
          </li>
        ))}
      </ol>
    </section>
  );
}
