// HTTP exports: /api/export/{layer}.{geojson|csv|xlsx}, /api/export/gaps/{bus-stops|cameras}.{…} and a data version's
// changes at /api/export/changes/{id}.{…}, as the caller may read them.
import express from 'express';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { badInput } from '../errors.js';
import type { AreaLevel } from '../analysis/area-levels.js';
import { parseAlong, type CoverageKind } from '../analysis/catchment-models.js';
import { checkBbox } from '../store/layer-query.js';
import type { Viewer } from '../auth/viewer.js';
import { readGapsForExport } from '../tables/gaps-table.js';
import { readLayerForExport } from '../tables/layer-table.js';
import { readChangeSetForExport } from './changes-export.js';
import type { ExportTable } from '../tables/table.js';
import { CONTENT_TYPES, parseExportFormat, writeExport } from '../tables/writers.js';

function splitFileName(file: string): { stem: string; format: ReturnType<typeof parseExportFormat> } {
  const match = /^([\w-]+)\.(\w+)$/.exec(file);
  if (!match) throw badInput(`Ask for /api/export/{layer}.{geojson|csv|xlsx}; "${file}" is not such a name.`);
  return { stem: match[1], format: parseExportFormat(match[2]) };
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function numberParam(value: unknown, name: string): number | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const number = Number(raw);
  if (!Number.isFinite(number)) throw badInput(`${name} must be a number; got "${raw}".`);
  return number;
}

async function send(response: express.Response, table: ExportTable, format: ReturnType<typeof parseExportFormat>): Promise<void> {
  const body = await writeExport(table, format);
  response.set('Content-Type', CONTENT_TYPES[format]);
  response.set('Content-Disposition', `attachment; filename="${table.name}.${format}"`);
  response.set('Cache-Control', 'private, no-store');
  response.send(body);
}

export function exportRouter(db: Database, config: AtlasConfig, viewerOf: (request: express.Request) => Viewer): express.Router {
  const router = express.Router();
  router.get('/gaps/:file', async (request, response, next) => {
    try {
      const { stem, format } = splitFileName(request.params.file);
      const table = await readGapsForExport(db, config, viewerOf(request), {
        kind: stem as CoverageKind,
        level: (text(request.query.level) ?? 'communities') as AreaLevel,
        radiusMeters: numberParam(request.query.radius, 'radius'),
        districtCode: text(request.query.district),
        minAreaM2: numberParam(request.query.minArea, 'minArea'),
        along: parseAlong(text(request.query.along), 'along'),
      });
      await send(response, table, format);
    } catch (error) {
      next(error);
    }
  });
  router.get('/changes/:file', async (request, response, next) => {
    try {
      const { stem, format } = splitFileName(request.params.file);
      await send(response, await readChangeSetForExport(db, viewerOf(request), stem), format);
    } catch (error) {
      next(error);
    }
  });
  router.get('/:file', async (request, response, next) => {
    try {
      const { stem, format } = splitFileName(request.params.file);
      const bboxText = text(request.query.bbox);
      const table = await readLayerForExport(db, stem, viewerOf(request), {
        districtCode: text(request.query.district),
        communityCode: text(request.query.community),
        bbox: bboxText ? checkBbox(bboxText.split(',').map(Number)) : undefined,
      });
      await send(response, table, format);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
