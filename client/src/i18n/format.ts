// Numbers as a reader of either language expects them: shares as percentages, areas in m² or km², distances in m.
import type { Language } from './messages';

const locale = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en-GB');

export function formatShare(share: number | null | undefined, language: Language): string {
  if (share == null || Number.isNaN(share)) return '–';
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function formatArea(areaM2: number | null | undefined, language: Language): string {
  if (areaM2 == null) return '–';
  if (Math.abs(areaM2) >= 100_000) return `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(areaM2 / 1_000_000)} km²`;
  return `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: 0 }).format(areaM2)} m²`;
}

export function formatMeters(meters: number | null | undefined, language: Language): string {
  if (meters == null) return '–';
  return `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: 0 }).format(meters)} m`;
}

export function formatNumber(value: number | null | undefined, language: Language, fractionDigits = 0): string {
  if (value == null) return '–';
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: fractionDigits }).format(value);
}
