// HTTP upload for files too big for a GraphQL request: POST /api/import/{layer}?fileName=…&crs=…, the body is the file (admins only).
import express from 'express';
import type { Database } from '../db/database.js';
import { requireAdmin } from '../auth/policy.js';
import { AtlasError, AtlasErrorCode, badInput } from '../errors.js';
import { UPLOAD_LIMITS } from '../limits/upload-limits.js';
import type { Viewer } from '../auth/viewer.js';
import { layerByName } from '../layers.js';
import { importFile } from '../ingest/import.service.js';
import { formatBytes } from '../ingest/limits.js';
import { rejectsCsv } from '../ingest/rejects.js';
import { summaryLines } from '../ingest/report.js';
import { ImportRefusedError } from '../ingest/rows.js';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const flag = (value: unknown) => value === 'true' || value === '1' || value === '';

function fieldMapOf(value: unknown): Record<string, string> {
  const entries = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
  return Object.fromEntries(
    entries.map((entry) => {
      const [field, column] = entry.split('=');
      if (!field || column === undefined) throw badInput(`map takes field=sourceColumn, not "${entry}".`);
      return [field.trim(), column.trim()];
    }),
  );
}

/**
 * Refuses a body whose Content-Length is over the limit before a byte of it is read. express.raw refuses it too, but
 * only after reading the whole body (body-parser drains the request before it answers): 200 MB for nothing.
 */
function refuseOversized(maxBytes: number): express.RequestHandler {
  return (request, response, next) => {
    const length = Number(request.headers['content-length']);
    if (!(length > maxBytes)) return next();
    response.set('connection', 'close');
    next(new AtlasError(AtlasErrorCode.BadInput, `The file is ${formatBytes(length)}; the hub takes at most ${formatBytes(maxBytes)} per upload. Split it, or raise ATLAS_MAX_UPLOAD_BYTES; nothing was read.`, { http: { status: 413 } }));
  };
}

export function importRouter(db: Database, viewerOf: (request: express.Request) => Viewer): express.Router {
  const router = express.Router();
  router.post('/:layer', refuseOversized(UPLOAD_LIMITS.maxBytes), express.raw({ type: () => true, limit: UPLOAD_LIMITS.maxBytes }), async (request, response, next) => {
    try {
      requireAdmin(viewerOf(request), 'import files');
      const layer = layerByName(String(request.params.layer));
      const content = request.body as Buffer;
      if (!Buffer.isBuffer(content) || content.length === 0) throw badInput('The request body is empty: send the file itself as the body.');
      const q = request.query;
      const summary = await importFile(db, {
        layer: layer.name, fileName: text(q.fileName) ?? `upload-${layer.name}`, content, crs: text(q.crs), format: text(q.format), encoding: text(q.encoding),
        source: text(q.source), replace: flag(q.replace), skipInvalid: flag(q.skipInvalid), fieldMap: fieldMapOf(q.map), actor: `http:${viewerOf(request).role}`,
      });
      const { rejected, ...rest } = summary;
      response.json({ ...rest, rejected: rejected.map((r) => ({ row: r.row, problems: r.problems })), summary: summaryLines(summary), rejectsCsv: rejected.length ? rejectsCsv(rejected) : null });
    } catch (error) {
      if (error instanceof ImportRefusedError) {
        response.status(422).json({ errors: [{ message: error.message, extensions: { code: AtlasErrorCode.ImportRefused, file: error.file, problems: error.problems.slice(0, 100) } }] });
        return;
      }
      next(error instanceof Error && !(error instanceof AtlasError) && /There is no layer/.test(error.message) ? badInput(error.message) : error);
    }
  });
  return router;
}
