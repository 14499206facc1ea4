// `npm run bench -- --scale demo|city|province`: seeds the stores, runs every section, writes bench/results and docs/BENCHMARKS.md.
// The in-process hub runs as `npm start` runs it: in production mode (server/production-mode.ts says why it comes first).
import '../server/production-mode.js';
import { Command } from 'commander';
import { describeMachine } from './lib/machine.js';
import { NotMeasured, notMeasured, type Figure } from './lib/figures.js';
import type { BenchContext, Section } from './lib/context.js';
import { startInProcessHub } from './lib/hub.js';
import { writeDocs, writeResult, type RunResult } from './lib/report.js';
import { DEFAULT_SERVER_URL, openEmbeddedStore, openServerStore, type BenchScale, type SeededStore } from './lib/stores.js';
import { SECTIONS } from './sections/index.js';

const program = new Command()
  .name('bench')
  .description('Benchmarks of the hub against its baselines, each measured in the same run.')
  .option('--scale <scale>', 'demo (quick), city (about 2,000 communities, 100,000 cameras) or province (real PostGIS only)', 'demo')
  .option('--runs <n>', 'timed repetitions per figure (default 15 at demo, 9 at city, 5 at province)')
  .option('--only <sections>', `comma-separated sections to run: ${SECTIONS.map((s) => s.id).join(', ')}`)
  .option('--reuse', 'keep an already seeded benchmark database of this scale instead of seeding it again')
  .option('--no-embedded', 'skip the embedded store')
  .option('--docs-only', 'measure nothing: regenerate docs/BENCHMARKS.md from bench/results and bench/NOTES.md')
  .parse();

const options = program.opts<{ scale: string; runs?: string; only?: string; reuse?: boolean; embedded: boolean; docsOnly?: boolean }>();
if (options.docsOnly) {
  writeDocs();
  console.log('Wrote docs/BENCHMARKS.md');
  process.exit(0);
}
if (!['demo', 'city', 'province'].includes(options.scale)) {
  console.error(`Unknown scale "${options.scale}". Use demo, city or province.`);
  process.exit(2);
}
const scale = options.scale as BenchScale;
const runs = options.runs ? Number(options.runs) : { demo: 15, city: 9, province: 5 }[scale];
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of 1 or more; got ${options.runs}.`);
  process.exit(2);
}
const only = options.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((id) => !SECTIONS.some((s) => s.id === id)) ?? [];
if (unknown.length) {
  console.error(`Unknown section(s): ${unknown.join(', ')}. Use: ${SECTIONS.map((s) => s.id).join(', ')}.`);
  process.exit(2);
}

const say = (message: string) => console.log(message);
// A connection dropped in the background (a scratch database dropped WITH (FORCE), a hub stopped under load) must not
// end a half-hour run: it is reported, and the section that needed the connection reports its own failure.
process.on('uncaughtException', (error) => say(`[bench] background error, ignored: ${error.message}`));
const baseUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
const startedAt = new Date().toISOString();
const machine = await describeMachine(baseUrl);
say(`Benchmark at ${scale} scale, ${runs} runs per figure, on ${machine.cpus} cores (load ${machine.loadAverage.join(' ')})`);

const stores: RunResult['stores'] = {};
async function open(name: string, opener: () => Promise<SeededStore>): Promise<SeededStore | undefined> {
  try {
    const store = await opener();
    stores[name] = { seedMs: store.seedMs, counts: { ...store.counts, seed: store.seed } };
    return store;
  } catch (error) {
    const why = error instanceof NotMeasured ? error.message : `could not be opened: ${(error as Error).message}`;
    say(`  ${name}: not measured: ${why}`);
    stores[name] = { notMeasured: why };
    return undefined;
  }
}

const ctx: BenchContext = { scale, runs, baseUrl, say };
ctx.server = await open('real PostGIS', () => openServerStore(baseUrl, scale, Boolean(options.reuse), say));
// The embedded store gets the seed the server's city was made with, so both hold the same city.
if (options.embedded) ctx.embedded = await open('embedded', () => openEmbeddedStore(scale, say, ctx.server?.seed ?? 1));
else stores.embedded = { notMeasured: 'skipped (--no-embedded)' };
if (ctx.server) ctx.serverHub = await startInProcessHub(ctx.server.db);
if (ctx.embedded) ctx.embeddedHub = await startInProcessHub(ctx.embedded.db);

const figures: Figure[] = [];
for (const section of SECTIONS.filter((s) => !only || only.includes(s.id))) {
  say(`- ${section.name}`);
  const started = Date.now();
  try {
    const produced = await runSection(section, ctx);
    figures.push(...produced);
    for (const f of produced) say(`    ${f.name}: ${f.notMeasured ? `not measured: ${f.notMeasured}` : `${f.subject?.median.toFixed(1)} ${f.unit}${f.ratio !== undefined ? ` (${f.ratio.toFixed(2)}× ${f.baseline?.label})` : ''}`}`);
  } catch (error) {
    const why = error instanceof NotMeasured ? error.message : `failed: ${(error as Error).stack ?? error}`;
    say(`    not measured: ${why}`);
    figures.push(notMeasured(section.name, section.name, why.split('\n')[0]));
  }
  say(`    (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

async function runSection(section: Section, context: BenchContext) {
  return section.run(context);
}

await ctx.serverHub?.close();
await ctx.embeddedHub?.close();
await ctx.server?.db.close();
await ctx.embedded?.db.close();

const result: RunResult = { startedAt, finishedAt: new Date().toISOString(), scale, runs, machine, stores, figures, ...(only ? { partial: only } : {}) };
const file = writeResult(result);
writeDocs();
say(`Wrote ${file} and docs/BENCHMARKS.md`);
process.exit(0);
