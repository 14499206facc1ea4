// The history's schedule inside the hub: a snapshot at each month's last minute (city time), a snapshot soon after
// data changed, and retention once a day. croner keeps the timers; `protect` keeps runs from overlapping.
import { Cron } from 'croner';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { CITY_TIME_ZONE, pruneHistory, snapshotBehind, takeSnapshot } from './snapshots.js';

export interface HistorySchedule {
  stop(): void;
}

/** Month end: 23:59 on the last day of the month, in the city's time zone. */
export const MONTH_END = '59 23 L * *';
/** How often the hub looks for change sets newer than the last snapshot (ATLAS_SNAPSHOT_EVERY, a cron pattern). */
export const CHANGE_CHECK = process.env.ATLAS_SNAPSHOT_EVERY || '*/10 * * * *';

export function startHistorySchedule(db: Database, config: AtlasConfig, log: (message: string) => void = console.log): HistorySchedule {
  const report = (what: string) => (error: unknown) => log(`[history] ${what} failed: ${(error as Error).message}`);
  const options = { timezone: CITY_TIME_ZONE, protect: true, unref: true };
  const jobs = [
    new Cron(MONTH_END, options, () => takeSnapshot(db, config, 'month-end').then(() => undefined, report('the month-end snapshot'))),
    new Cron(CHANGE_CHECK, options, async () => {
      try {
        if (await snapshotBehind(db)) await takeSnapshot(db, config, 'change-set');
      } catch (error) {
        report('the snapshot after a change')(error);
      }
    }),
    new Cron('17 3 * * *', options, () => pruneHistory(db).then(() => undefined, report('pruning history'))),
  ];
  return { stop: () => jobs.forEach((job) => job.stop()) };
}
