// Reads import runs for the `imports` query, and runs an uploaded import for the admin mutation.
import { loadQueries } from '../../db/queries.js';
import { requireAdmin } from '../../auth/policy.js';
import { AtlasError, AtlasErrorCode, badInput, forbidden } from '../../errors.js';
import { importFile } from '../../ingest/import.service.js';
import { rejectsCsv } from '../../ingest/rejects.js';
import { summaryLines } from '../../ingest/report.js';
import { ImportRefusedError } from '../../ingest/rows.js';
import { LAYER_NAMES, type LayerName } from '../../layers.js';
import type { AtlasContext } from '../../request/context.js';
import { toNode } from '../layer.service.js';
import type { ImportFileInput } from './import-file.input.js';
import type { ImportResult } from './import-result.type.js';
import type { ImportRun } from './import-run.type.js';

const sql = loadQueries(new URL('./imports.sql', import.meta.url), ['listRuns', 'runById'] as const);
export const MAX_RUNS = 500;

/** Import runs name files and sources, not places: any signed-in role may read them, anonymous visitors may not. */
function assertMayRead(ctx: AtlasContext): void {
  if (ctx.viewer.role === 'public') throw forbidden('Import runs are for signed-in users. Sign in with an analyst, official or admin token (npx atlas token --role analyst).');
}

export async function listRuns(ctx: AtlasContext, filters: { layer?: string | null; status?: string | null; first: number; before?: string | null }): Promise<ImportRun[]> {
  assertMayRead(ctx);
  if (!Number.isInteger(filters.first) || filters.first < 0 || filters.first > MAX_RUNS) throw badInput(`first must be a whole number from 0 to ${MAX_RUNS}; got ${filters.first}.`);
  if (filters.layer && !LAYER_NAMES.includes(filters.layer as LayerName)) throw badInput(`There is no layer "${filters.layer}". The layers are: ${LAYER_NAMES.join(', ')}.`);
  if (filters.before && !/^\d+$/.test(filters.before)) throw badInput('before must be the id of an import run.');
  const { rows } = await ctx.db.query(sql.listRuns, [filters.layer ?? null, filters.status ?? null, filters.before ?? null, filters.first]);
  return rows.map((r) => toNode(r) as unknown as ImportRun);
}

export async function runById(ctx: AtlasContext, id: string): Promise<ImportRun | null> {
  assertMayRead(ctx);
  if (!/^\d+$/.test(id)) return null;
  const { rows } = await ctx.db.query(sql.runById, [id]);
  return rows[0] ? (toNode(rows[0]) as unknown as ImportRun) : null;
}

export async function importUpload(ctx: AtlasContext, input: ImportFileInput): Promise<ImportResult> {
  requireAdmin(ctx.viewer, 'import files');
  if (!LAYER_NAMES.includes(input.layer as LayerName)) throw badInput(`There is no layer "${input.layer}". The layers are: ${LAYER_NAMES.join(', ')}.`);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw badInput('contentBase64 is empty or not base64: send the file\'s bytes, base64-encoded.');
  try {
    const summary = await importFile(ctx.db, {
      layer: input.layer as LayerName, fileName: input.fileName, content, crs: input.crs ?? undefined, format: input.format ?? undefined,
      encoding: input.encoding ?? undefined, source: input.source ?? undefined, replace: input.replace ?? false, skipInvalid: input.skipInvalid ?? false,
      fieldMap: Object.fromEntries((input.fieldMap ?? []).map((m) => [m.field, m.column])), actor: `graphql:${ctx.viewer.role}`,
    });
    const run = (await runById(ctx, String(summary.runId)))!;
    return {
      run,
      rowsUnchanged: summary.rowsUnchanged,
      summary: summaryLines(summary),
      rejected: summary.rejected.map((r) => ({ row: r.row, problems: r.problems })),
      rejectsCsv: summary.rejected.length ? rejectsCsv(summary.rejected) : null,
    };
  } catch (error) {
    if (error instanceof ImportRefusedError) {
      throw new AtlasError(AtlasErrorCode.ImportRefused, error.message, { file: error.file, problems: error.problems.slice(0, 100) });
    }
    throw error;
  }
}
