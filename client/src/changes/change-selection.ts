// Which changes the "what changed" view shows: one data version's change set, those since a month began, or (default) since the same day last month.

export type ChangeSelection = { kind: 'version'; id: string } | { kind: 'month'; month: string } | { kind: 'lastMonth' };

export const LAST_MONTH: ChangeSelection = { kind: 'lastMonth' };

/** The city's offset: China keeps one time zone, without summer time (the hub's months are Asia/Shanghai's too). */
const CITY_OFFSET = '+08:00';
const CITY_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The URL's form: `v:41` (a data version), `m:2026-11` (since November 2026 began); anything else is the default. */
export function parseChangeSelection(text: string | null): ChangeSelection {
  const version = /^v:(\d{1,15})$/.exec(text ?? '');
  if (version) return { kind: 'version', id: version[1] };
  const month = /^m:(\d{4}-(0[1-9]|1[0-2]))$/.exec(text ?? '');
  if (month) return { kind: 'month', month: month[1] };
  return LAST_MONTH;
}

export function formatChangeSelection(selection: ChangeSelection): string | null {
  if (selection.kind === 'version') return `v:${selection.id}`;
  if (selection.kind === 'month') return `m:${selection.month}`;
  return null;
}

/** The city's calendar date of an instant: [year, month 1–12, day]. */
function cityDate(now: Date): [number, number, number] {
  const local = new Date(now.getTime() + CITY_OFFSET_MS);
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}

/**
 * The time changes are counted from (ISO 8601, city time), or null for one data version. "Last month" is midnight of
 * the same day a month ago (the 31st of a shorter month is its last day): a whole day, so the query stays the same
 * all day long rather than moving with the clock.
 */
export function sinceTimeOf(selection: ChangeSelection, now: Date): string | null {
  if (selection.kind === 'version') return null;
  if (selection.kind === 'month') return `${selection.month}-01T00:00:00${CITY_OFFSET}`;
  const [year, month, day] = cityDate(now);
  const previousYear = month === 1 ? year - 1 : year;
  const previousMonth = month === 1 ? 12 : month - 1;
  const lastDay = new Date(Date.UTC(previousYear, previousMonth, 0)).getUTCDate();
  return `${previousYear}-${pad(previousMonth)}-${pad(Math.min(day, lastDay))}T00:00:00${CITY_OFFSET}`;
}

/** The last `count` months of the city's calendar, newest first, as YYYY-MM. */
export function recentMonths(now: Date, count: number): string[] {
  const [year, month] = cityDate(now);
  return Array.from({ length: count }, (_, back) => {
    const index = year * 12 + (month - 1) - back;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  });
}

/** The GraphQL variables of `changes` for a selection. */
export function changeVariables(selection: ChangeSelection, now: Date): { version?: string; sinceTime?: string } {
  if (selection.kind === 'version') return { version: selection.id };
  return { sinceTime: sinceTimeOf(selection, now)! };
}
