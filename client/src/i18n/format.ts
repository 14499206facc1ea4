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

/** The city's time zone: dates of changes and months of the history are read there, wherever the browser is. */
const CITY_TIME_ZONE = 'Asia/Shanghai';

/** A message with its {placeholders} filled in. */
export function fillIn(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function formatDay(at: string, language: Language): string {
  return new Date(at).toLocaleDateString(locale(language), { timeZone: CITY_TIME_ZONE, year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(at: string, language: Language): string {
  return new Date(at).toLocaleString(locale(language), { timeZone: CITY_TIME_ZONE, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A month given as YYYY-MM: "2026年11月", "November 2026". */
export function formatMonth(month: string, language: Language): string {
  const [year, index] = month.split('-').map(Number);
  return new Date(Date.UTC(year, index - 1, 15)).toLocaleDateString(locale(language), { timeZone: 'UTC', year: 'numeric', month: 'long' });
}

/** The city month (YYYY-MM) an instant falls in. */
export function cityMonthOf(at: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit' }).formatToParts(new Date(at));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}
