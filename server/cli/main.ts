// The `atlas` command line: import, seed, and the commands other features add.
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { registerTokenCommand } from '../auth/token.command.js';
import { readConfig } from '../config.js';
import { Database } from '../db/database.js';
import { AtlasError } from '../errors.js';
import { importFile } from '../ingest/import.service.js';
import { ImportRefusedError } from '../ingest/rows.js';
import { LAYER_NAMES, type LayerName } from '../layers.js';
import { seedDemoCity } from '../seed/seed.service.js';

export async function openStore(): Promise<Database> {
  const config = readConfig();
  return Database.open({ url: config.databaseUrl, dataDir: config.dataDir });
}

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const [field, column] = value.split('=');
  if (!field || column === undefined) throw new Error(`--map takes field=sourceColumn, not "${value}".`);
  return { ...previous, [field.trim()]: column.trim() };
}

const program = new Command('atlas').description('Shequ Atlas: load, seed and export the hub\'s layers.');

program
  .command('import')
  .description('Import a file into a layer, all or nothing.')
  .argument('<layer>', `one of ${LAYER_NAMES.join(', ')}`)
  .argument('<file>', 'GeoJSON or CSV file')
  .option('--crs <crs>', 'coordinate system of the file: wgs84, gcj02, bd09, cgcs2000', 'wgs84')
  .addOption(new Option('--format <format>', 'force the format').choices(['geojson', 'csv']))
  .option('--map <field=column>', 'map a layer attribute to a source column (repeatable)', collectMap, {})
  .option('--source <name>', 'source name (re-imports from a source update in place); default: the file name')
  .option('--replace', 'remove what this source loaded before and is not in the file')
  .action(async (layer: string, file: string, options) => {
    if (!LAYER_NAMES.includes(layer as LayerName)) throw new Error(`There is no layer "${layer}". The layers are: ${LAYER_NAMES.join(', ')}.`);
    if (!fs.existsSync(file)) throw new Error(`${file}: no such file.`);
    const db = await openStore();
    try {
      const summary = await importFile(db, {
        layer: layer as LayerName, fileName: file, content: fs.readFileSync(file), format: options.format, crs: options.crs,
        fieldMap: options.map, source: options.source, replace: options.replace, actor: 'cli',
      });
      console.log(`Imported ${file} into ${summary.layer} (run ${summary.runId}): ${summary.rowsRead} read, ${summary.rowsWritten} written, ${summary.rowsRepaired} repaired, ${summary.rowsRemoved} removed.`);
      for (const repair of summary.repairs) console.log(`  row ${repair.row}: ${repair.message}`);
    } finally {
      await db.close();
    }
  });

program
  .command('seed')
  .description('Generate the demo city (real Shenyang districts, generated layers) and load it through the importer.')
  .addOption(new Option('--scale <scale>', 'how big').choices(['demo', 'city']).default('demo'))
  .option('--seed <n>', 'random seed: the same seed gives the same city', '1')
  .action(async (options) => {
    const db = await openStore();
    try {
      const summary = await seedDemoCity(db, { scale: options.scale, seed: Number(options.seed), onProgress: (m) => console.log(m) });
      console.log(JSON.stringify(summary, null, 2));
    } finally {
      await db.close();
    }
  });

registerTokenCommand(program);

export { program };

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ImportRefusedError || error instanceof AtlasError) console.error(error.message);
  else console.error(`atlas: ${(error as Error).message}`);
  process.exitCode = 1;
}
