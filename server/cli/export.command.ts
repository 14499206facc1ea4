// The `atlas export` command: a layer, or the coverage gaps, to GeoJSON, CSV (UTF-8 with BOM) or .xlsx, with full access.
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { readConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { AreaLevel } from '../analysis/area-levels.js';
import { parseAlong, type CoverageKind } from '../analysis/catchment-models.js';
import { LAYER_NAMES } from '../layers.js';
import { WHOLE_STORE } from '../auth/viewer.js';
import { readGapsForExport } from '../tables/gaps-table.js';
import { readLayerForExport } from '../tables/layer-table.js';
import { EXPORT_FORMATS, parseExportFormat, writeExport } from '../tables/writers.js';

/** Whoever runs the CLI holds the store's files: they read everything, as an admin would. */

export function registerExportCommand(program: Command, openStore: () => Promise<Database>): void {
  program
    .command('export')
    .description('Export a layer, or the coverage gaps ("gaps"), as GeoJSON, CSV or Excel.')
    .argument('<what>', `one of ${LAYER_NAMES.join(', ')}, or gaps`)
    .addOption(new Option('--format <format>', 'file format').choices([...EXPORT_FORMATS]).default('geojson'))
    .option('--out <file>', 'where to write (default: <what>.<format> in the current folder; - for standard output)')
    .option('--district <code>', 'only this district')
    .addOption(new Option('--kind <kind>', 'gaps of which coverage').choices(['bus-stops', 'cameras']).default('bus-stops'))
    .addOption(new Option('--level <level>', 'gaps per which areas').choices(['communities', 'grid-cells', 'districts']).default('communities'))
    .option('--radius <metres>', 'stop radius (or default camera range) in metres for gaps')
    .option('--along <how>', 'bus-stop gaps: straight-line (default) or roads (walking along the road network)')
    .action(async (what: string, options) => {
      const format = parseExportFormat(options.format);
      const db = await openStore();
      try {
        const table =
          what === 'gaps'
            ? await readGapsForExport(db, readConfig(), WHOLE_STORE, {
                kind: options.kind as CoverageKind, level: options.level as AreaLevel, districtCode: options.district,
                radiusMeters: options.radius === undefined ? undefined : Number(options.radius),
                along: parseAlong(options.along, '--along'),
              })
            : await readLayerForExport(db, what, WHOLE_STORE, { districtCode: options.district });
        const body = await writeExport(table, format);
        const out = options.out ?? `${table.name}.${format}`;
        if (out === '-') process.stdout.write(body);
        else {
          fs.writeFileSync(out, body);
          console.error(`Wrote ${table.rows.length} ${what === 'gaps' ? 'areas with gaps' : 'records'} to ${out}.`);
        }
      } finally {
        await db.close();
      }
    });
}
