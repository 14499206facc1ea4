// The `atlas` command line: import, seed, and the commands other features add.
// Decorated GraphQL types are reached through the export command: their metadata API must load first.
import 'reflect-metadata';
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { registerTokenCommand } from './token.command.js';
import { readConfig } from '../config.js';
import { Database } from '../db/database.js';
import { AtlasError } from '../errors.js';
import { IMPORT_FORMATS } from '../ingest/formats.js';
import { runImportCommand } from './import.command.js';
import { registerExportCommand } from './export.command.js';
import { ImportRefusedError } from '../ingest/rows.js';
import { LAYER_NAMES } from '../layers.js';
import { seedDemoCity } from '../seed/seed.service.js';
import { seedStatementTimeoutMs } from '../seed/scales.js';
import { registerSourceCommands } from './source.command.js';

export async function openStore(options: { statementTimeoutMs?: number } = {}): Promise<Database> {
  const config = readConfig();
  return Database.open({ url: config.databaseUrl, dataDir: config.dataDir, ...options });
}

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const [field, column] = value.split('=');
  if (!field || column === undefined) throw new Error(`--map takes field=sourceColumn, not "${value}".`);
  return { ...previous, [field.trim()]: column.trim() };
}

const program = new Command('atlas').description('Shequ Atlas: load, seed and export the hub\'s layers.');

program
  .command('import')
  .description('Import a file into a layer, all or nothing (or --skip-invalid).')
  .argument('<layer>', `one of ${LAYER_NAMES.join(', ')}`)
  .argument('<file>', 'GeoJSON (or newline-delimited), CSV or tab-separated text, .xlsx, KML/KMZ, GeoPackage, GTFS zip or stops.txt, Shapefile zip')
  .option('--crs <crs>', 'coordinate system of the file: wgs84, gcj02, bd09, cgcs2000 or EPSG:n (default: the .prj of a Shapefile, else wgs84)')
  .addOption(new Option('--format <format>', 'force the format').choices([...IMPORT_FORMATS]))
  .option('--encoding <encoding>', 'force the text encoding (utf-8, gbk, gb18030); detected by default')
  .option('--map <field=column>', 'map a layer attribute to a source column (repeatable)', collectMap, {})
  .option('--source <name>', 'source name (re-imports from a source update in place); default: the file name')
  .option('--replace', 'remove what this source loaded before and is not in the file')
  .option('--skip-invalid', 'write the good rows and put the refused ones, with reasons, in <file>.rejects.csv')
  .option('--sheet <name>', 'the sheet of an .xlsx workbook, or the feature table of a GeoPackage (default: the first)')
  .option('--generate-codes', 'give every row without a code the code <source>-<row> (for a list with no code column)')
  .action((layer: string, file: string, options) => runImportCommand(openStore, layer, file, options));

registerExportCommand(program, openStore);

program
  .command('seed')
  .description('Generate the demo city (real Shenyang districts, generated layers) and load it through the importer.')
  .addOption(new Option('--scale <scale>', 'how big').choices(['demo', 'city', 'province']).default('demo'))
  .option('--seed <n>', 'random seed: the same seed gives the same city', '1')
  .action(async (options) => {
    const db = await openStore({ statementTimeoutMs: seedStatementTimeoutMs(options.scale) });
    try {
      const summary = await seedDemoCity(db, { scale: options.scale, seed: Number(options.seed), onProgress: (m) => console.log(m) });
      console.log(JSON.stringify(summary, null, 2));
    } finally {
      await db.close();
    }
  });

registerTokenCommand(program, openStore);
registerSourceCommands(program, openStore, collectMap);

export { program };

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ImportRefusedError || error instanceof AtlasError) console.error(error.message);
  else console.error(`atlas: ${(error as Error).message}`);
  process.exitCode = 1;
}
