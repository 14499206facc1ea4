// A change set as an export: one row per feature change, with its geometry after the change (before, for a removal).
import type { Database } from '../db/database.js';
import { badInput } from '../errors.js';
import { listChanges, resolveSince } from '../history/changes.js';
import type { Viewer } from '../auth/viewer.js';
import type { ExportTable } from '../tables/table.js';

/** Every change of data version `version` (one import's change set) that the caller may read, as a table. */
export async function readChangeSetForExport(db: Database, viewer: Viewer, version: string): Promise<ExportTable> {
  const id = await resolveSince(db, version, null);
  if (id === 0) throw badInput('Name a data version (dataVersions lists them): /api/export/changes/{id}.geojson.');
  const { rows } = await db.query<{ layer: string }>('SELECT layer FROM change_sets WHERE id = $1', [id]);
  const changes = await listChanges(db, viewer, { layer: rows[0].layer, sinceId: id - 1, only: id, first: 1000, after: null });
  for (let page = changes; page.length === 1000;) {
    const last = page[page.length - 1];
    page = await listChanges(db, viewer, { layer: rows[0].layer, sinceId: id - 1, only: id, first: 1000, after: { version: last.version, code: last.code } });
    changes.push(...page);
  }
  return {
    name: `changes-${rows[0].layer}-${id}`,
    columns: ['kind', 'layer', 'code', 'version', 'at', 'attributes_before', 'attributes_after'],
    rows: changes.map((c) => ({
      kind: c.kind, layer: c.layer, code: c.code, version: c.version, at: new Date(c.at).toISOString(),
      attributes_before: c.attributesBefore ? JSON.stringify(c.attributesBefore) : null,
      attributes_after: c.attributesAfter ? JSON.stringify(c.attributesAfter) : null,
    })),
    geometries: changes.map((c) => c.after ?? c.before),
    points: false,
    labelPoints: changes.map(() => null),
  };
}
