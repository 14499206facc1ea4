// A source's schedule: a five-field cron expression in a time zone (Asia/Shanghai by default), read by croner.
import { Cron } from 'croner';
import { badInput } from '../errors.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Croner's options for every schedule. mode '5-part': minute, hour, day of month, month, day of week, as cron and the
 * issue mean it (croner's 'auto' takes six fields as seconds first, so a stray field would sync every second);
 * domAndDow false: a day of month and a day of week both given mean either, as in Vixie cron (legacyMode is deprecated).
 */
export const cronOptions = (timezone: string) => ({ timezone, mode: '5-part' as const, domAndDow: false });

export function checkSchedule(pattern: string, timezone = DEFAULT_TIME_ZONE): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw badInput(`"${timezone}" is not a time zone; give one such as Asia/Shanghai.`);
  }
  const trimmed = pattern.trim().replace(/\s+/g, ' ');
  try {
    new Cron(trimmed, { ...cronOptions(timezone), paused: true }).stop();
  } catch (error) {
    throw badInput(`The schedule "${pattern}" is not a cron expression of five fields (minute hour day-of-month month day-of-week), for example "0 3 * * *" for 03:00 every day: ${(error as Error).message}.`);
  }
  return trimmed;
}

/** When the schedule next fires after `from`, or null for a source synced only on demand. */
export function nextRunAt(pattern: string | null, timezone: string, from = new Date()): Date | null {
  if (!pattern) return null;
  const job = new Cron(pattern, { ...cronOptions(timezone), paused: true });
  const next = job.nextRun(from);
  job.stop();
  return next;
}
