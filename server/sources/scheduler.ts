// Runs each source's sync on its cron schedule inside the hub (croner), reloading the schedules from the store so that
// sources added by another process or before a restart are picked up.
import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { syncLimits } from './limits.js';
import { latestRuns, listSources, type SourceRecord } from './sources.service.js';
import { cronOptions } from './schedule.js';
import { SourceBusyError, syncSource } from './sync.service.js';

const sql = loadQueries(new URL('./sources.sql', import.meta.url), ['abandonRuns'] as const);

const running = new WeakMap<Database, SourceScheduler>();

/** Tells the hub's scheduler (if this process runs one over `db`) that sources were added or removed. */
export function sourcesChanged(db: Database): void {
  void running.get(db)?.refresh();
}

export class SourceScheduler {
  private readonly jobs = new Map<number, { job: Cron; key: string }>();
  private reloader?: Cron;
  private stopped = false;

  constructor(private readonly db: Database, private readonly log: (message: string) => void = (m) => console.log(m)) {}

  async start(): Promise<void> {
    running.set(this.db, this);
    await this.db.query(sql.abandonRuns, [2 * syncLimits().timeoutMs]);
    await this.refresh();
    // Sources added through another process (the CLI against a server store, another hub) appear within a minute.
    this.reloader = new Cron('* * * * *', { mode: '5-part', protect: true, unref: true, catch: true }, () => this.refresh());
  }

  /** Matches the jobs to the table: new schedules start, changed ones restart, removed ones stop. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    let sources: SourceRecord[];
    try {
      sources = await listSources(this.db);
    } catch (error) {
      this.log(`[sources] could not read the schedules: ${(error as Error).message}`);
      return;
    }
    const wanted = new Map(sources.filter((s) => s.schedule).map((s) => [s.id, s]));
    for (const [id, entry] of this.jobs) {
      const source = wanted.get(id);
      if (!source || entry.key !== `${source.schedule}|${source.timeZone}`) {
        entry.job.stop();
        this.jobs.delete(id);
      }
    }
    for (const [id, source] of wanted) {
      if (this.jobs.has(id)) continue;
      const job = new Cron(source.schedule!, { ...cronOptions(source.timeZone), protect: true, unref: true, catch: true, name: `source-${id}` }, (self: Cron) => this.fire(id, self.currentRun()));
      this.jobs.set(id, { job, key: `${source.schedule}|${source.timeZone}` });
    }
  }

  /** When the source's schedule next fires in this process. */
  nextRun(id: number): Date | null {
    return this.jobs.get(id)?.job.nextRun() ?? null;
  }

  private async fire(id: number, scheduledAt: Date | null): Promise<void> {
    try {
      // Several hubs fire at the same minute: the advisory lock lets one sync, and a hub whose clock is a little late
      // finds the run already made for this time and leaves it.
      const last = (await latestRuns(this.db, [id], false)).get(id);
      if (last && scheduledAt && last.startedAt.getTime() >= scheduledAt.getTime() - 1000) return;
      const run = await syncSource(this.db, id, { trigger: 'schedule' });
      this.log(`[sources] source ${id}: ${run.status} (${run.added} added, ${run.changed} changed, ${run.removed} removed)${run.status === 'FAILED' ? `: ${run.message}` : ''}`);
    } catch (error) {
      if (error instanceof SourceBusyError) return;
      this.log(`[sources] source ${id}: the scheduled sync failed: ${(error as Error).message}`);
    }
  }

  stop(): void {
    this.stopped = true;
    this.reloader?.stop();
    for (const entry of this.jobs.values()) entry.job.stop();
    this.jobs.clear();
    if (running.get(this.db) === this) running.delete(this.db);
  }
}
