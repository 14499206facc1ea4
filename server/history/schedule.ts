// The history's schedule inside the hub: a snapshot at each month's last minute (city time), a snapshot after each
// change set this process commits (an import, a sync: in the background, so the import does not wait on the
// standards), a check for change sets committed by other processes (the CLI), and retention once a day. croner keeps
// the timers; `protect` keeps runs from overlapping.
import { Cron } from 'croner';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { CITY_TIME_ZONE, pruneHistory, snapshotBehind, takeSnapshot } from './snapshots.js';

export interface HistorySchedule {
  stop(): void;
  /** Resolves once no snapshot after a change is running or waiting (tests, and a clean shutdown). */
  settled(): Promise<void>;
}

/** Month end: 23:59 on the last day of the month, in the city's time zone. */
export const MONTH_END = '59 23 L * *';
/** How often the hub looks for change sets newer than the last snapshot (ATLAS_SNAPSHOT_EVERY, a cron pattern). */
export const CHANGE_CHECK = process.env.ATLAS_SNAPSHOT_EVERY || '*/10 * * * *';
/**
 * How long after a committed change set its snapshot is taken (ATLAS_SNAPSHOT_AFTER_CHANGE_MS, default 2000): the
 * change sets of a burst (a sync of several layers, a batch of uploads) share one snapshot.
 */
export const AFTER_CHANGE_MS = Number(process.env.ATLAS_SNAPSHOT_AFTER_CHANGE_MS ?? 2000);

export interface HistoryScheduleOptions {
  log?: (message: string) => void;
  afterChangeMs?: number;
}

export function startHistorySchedule(db: Database, config: AtlasConfig, options: HistoryScheduleOptions = {}): HistorySchedule {
  const log = options.log ?? console.log;
  const afterChangeMs = options.afterChangeMs ?? AFTER_CHANGE_MS;
  const report = (what: string) => (error: unknown) => log(`[history] ${what} failed: ${(error as Error).message}`);
  const cronOptions = { timezone: CITY_TIME_ZONE, protect: true, unref: true };
  const catchUp = async () => {
    try {
      if (await snapshotBehind(db)) await takeSnapshot(db, config, 'change-set');
    } catch (error) {
      report('the snapshot after a change')(error);
    }
  };

  // After a commit: one snapshot at a time; a change committed while one is computed gets one more after it.
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = (): void => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = catchUp().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        run();
      }
    });
  };
  const unsubscribe = db.onDataChanged(() => {
    if (stopped || timer) return;
    timer = setTimeout(run, afterChangeMs);
    timer.unref();
  });

  const jobs = [
    new Cron(MONTH_END, cronOptions, () => takeSnapshot(db, config, 'month-end').then(() => undefined, report('the month-end snapshot'))),
    new Cron(CHANGE_CHECK, cronOptions, catchUp),
    new Cron('17 3 * * *', cronOptions, () => pruneHistory(db).then(() => undefined, report('pruning history'))),
  ];
  return {
    stop: () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      jobs.forEach((job) => job.stop());
    },
    async settled() {
      while (timer || running) await (running ?? new Promise((resolve) => setTimeout(resolve, 10)));
    },
  };
}
