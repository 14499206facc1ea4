// `atlas source add|list` and `atlas sync <id>|--all`: live sources from the command line.
import { Option, type Command } from 'commander';
import type { Database } from '../db/database.js';
import { LAYER_NAMES } from '../layers.js';
import { SOURCE_KINDS } from '../sources/fetched.js';
import { nextRunAt } from '../sources/schedule.js';
import { addSource, latestRuns, listSources, type SyncRunRecord } from '../sources/sources.service.js';
import { syncSource } from '../sources/sync.service.js';

type CollectMap = (value: string, previous: Record<string, string>) => Record<string, string>;

function describeRun(run: SyncRunRecord): string {
  const counts = `${run.added} added, ${run.changed} changed, ${run.removed} removed, ${run.unchanged} unchanged`;
  return `${run.status}${run.status === 'FAILED' ? '' : ` (${counts})`}, ${run.pages} page(s), ${run.bytes} bytes${run.message ? `: ${run.message}` : ''}`;
}

export function registerSourceCommands(program: Command, openStore: () => Promise<Database>, collectMap: CollectMap): void {
  const source = program.command('source').description('Live sources: a department\'s published layer the hub pulls on a schedule.');
  source
    .command('add')
    .description('Add a source (an OGC API – Features collection, a WFS 2.0 service, or a GeoJSON or CSV file at an http(s) URL).')
    .argument('<layer>', `one of ${LAYER_NAMES.join(', ')}`)
    .argument('<url>', 'the collection, service or file (http or https)')
    .addOption(new Option('--kind <kind>', 'what the URL is (detected when not given)').choices([...SOURCE_KINDS]))
    .option('--every <cron>', 'a five-field cron expression, e.g. "0 3 * * *" (03:00 daily); none: only `atlas sync`')
    .option('--time-zone <zone>', 'the time zone of the schedule', 'Asia/Shanghai')
    .option('--map <field=column>', 'map a layer attribute to a source field (repeatable)', collectMap, {})
    .option('--crs <crs>', 'coordinate system of the source: wgs84 (default), gcj02, bd09, cgcs2000 or EPSG:n')
    .option('--id-field <field>', 'what features are keyed on: code (the layer\'s code, default), id (the OGC feature id) or a property', 'code')
    .action(async (layer: string, url: string, options) => {
      const db = await openStore();
      try {
        const added = await addSource(db, { layer, url, kind: options.kind, schedule: options.every, timeZone: options.timeZone, fieldMap: options.map, crs: options.crs, idField: options.idField, createdBy: `cli:${process.env.USER ?? 'unknown'}` });
        const next = nextRunAt(added.schedule, added.timeZone);
        console.log(`Source ${added.id}: ${added.kind} ${added.url} → ${added.layer}${next ? `, next sync ${next.toISOString()}` : ', synced only by `atlas sync`'}`);
      } finally {
        await db.close();
      }
    });
  source
    .command('list')
    .description('List the sources with their last run and next sync.')
    .action(async () => {
      const db = await openStore();
      try {
        const sources = await listSources(db);
        const last = await latestRuns(db, sources.map((s) => s.id), false);
        if (sources.length === 0) console.log('No sources yet: `npx atlas source add <layer> <url>` adds one.');
        for (const s of sources) {
          const next = nextRunAt(s.schedule, s.timeZone);
          const run = last.get(s.id);
          console.log(`${s.id}\t${s.layer}\t${s.kind}\t${s.url}\t${s.schedule ? `${s.schedule} (${s.timeZone}), next ${next?.toISOString()}` : 'on demand'}\t${run ? `last: ${describeRun(run)}` : 'never synced'}`);
        }
      } finally {
        await db.close();
      }
    });
  program
    .command('sync')
    .description('Sync one source now, or every source with --all.')
    .argument('[source-id]', 'the source (see `atlas source list`)')
    .option('--all', 'every source, one after another')
    .action(async (id: string | undefined, options) => {
      if (!id && !options.all) throw new Error('give a source id or --all');
      const db = await openStore();
      try {
        const ids = options.all ? (await listSources(db)).map((s) => s.id) : [Number(id)];
        for (const sourceId of ids) {
          if (!Number.isInteger(sourceId)) throw new Error(`"${id}" is not a source id (a whole number; see \`atlas source list\`)`);
          const run = await syncSource(db, sourceId);
          console.log(`Source ${sourceId}: ${describeRun(run)}`);
          if (run.status === 'FAILED') process.exitCode = 1;
        }
      } finally {
        await db.close();
      }
    });
}
