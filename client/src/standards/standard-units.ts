// Formats a standard's value, target and shortfall in its unit (as the hub's rules name units), in either language.
import { formatArea, formatNumber, formatShare } from '../i18n/format';
import type { Language } from '../i18n/messages';

const UNIT_WORDS: Record<string, { zh: string; en: string }> = {
  'grid cells': { zh: '个网格', en: 'grid cells' },
  households: { zh: '户', en: 'households' },
  organisations: { zh: '个', en: 'organisations' },
  'beds per 1,000 elderly': { zh: '张/千名老人', en: 'beds per 1,000 elderly' },
  'm² per 100 households': { zh: 'm²/百户', en: 'm² per 100 households' },
  sites: { zh: '个小区', en: 'sites' },
  compounds: { zh: '个小区', en: 'compounds' },
};

export function formatInUnit(value: number | null | undefined, unit: string, language: Language): string {
  if (value == null) return '–';
  if (unit === 'share') return formatShare(value, language);
  if (unit === 'm²') return formatArea(value, language);
  const words = UNIT_WORDS[unit];
  const number = formatNumber(value, language, Number.isInteger(value) ? 0 : 1);
  return words ? `${number} ${words[language]}` : `${number} ${unit}`;
}

export function formatTarget(comparison: string, target: number | null, targetMax: number | null, unit: string, language: Language): string {
  if (comparison === 'between' && target != null && targetMax != null) return `${formatInUnit(target, unit, language)} – ${formatInUnit(targetMax, unit, language)}`;
  if (target == null) return '–';
  return `${comparison === 'at_most' ? '≤' : '≥'} ${formatInUnit(target, unit, language)}`;
}
