// Incremental coverage: which cached entries a change set leaves valid, carried to the layers' new versions.
import type { Queryable } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import type { LayerName } from '../layers.js';
import { AREA_LEVELS, areaTable, type AreaLevel } from './area-levels.js';
import { CATCHMENT_MODELS } from './catchment-models.js';
import { fillIdentifiers } from './sql-template.js';

const sql = loadQueries(new URL('./coverage-carry.sql', import.meta.url), ['carryAreas', 'carryAllSources', 'carrySources'] as const);

export interface CarriedChange {
  /** The change set of the import. */
  changeSetId: number;
  /** The layer the import wrote (its records changed). */
  layer: LayerName;
  /** Every layer whose version moves by one in this transaction: the import's layer and those relinked to it. */
  moved: readonly LayerName[];
  /** Their versions before the move. */
  before: ReadonlyMap<string, number>;
}

const isAreaLevel = (layer: LayerName): layer is AreaLevel => (AREA_LEVELS as readonly string[]).includes(layer);
const modelsOf = (layer: LayerName) => Object.values(CATCHMENT_MODELS).filter((m) => m.sourceLayer === layer).map((m) => m.name);

/**
 * Carries forward, in the import's transaction and before the versions move, every cache entry the change cannot
 * reach: a site's change reaches the areas within its reach (or nearer than their nearest site) at its old and new
 * positions; an area's change reaches that area only; a layer moved only by relinking (its records' links changed, not
 * their shapes) reaches nothing. Returns the number of entries carried.
 */
export async function carryCoverageForward(client: Queryable, change: CarriedChange): Promise<number> {
  let carried = 0;
  const run = async (text: string, values: unknown[]) => { carried += (await client.query(text, values)).rowCount ?? 0; };
  for (const layer of change.moved) {
    const before = change.before.get(layer);
    if (before === undefined) continue;
    const own = layer === change.layer;
    if (isAreaLevel(layer)) await run(sql.carryAreas, [layer, own ? change.changeSetId : null, before]);
    const models = modelsOf(layer);
    if (models.length === 0) continue;
    if (!own) {
      await run(sql.carryAllSources, [models, before]);
      continue;
    }
    for (const model of models) {
      for (const level of AREA_LEVELS) {
        await run(fillIdentifiers(sql.carrySources, { areas: areaTable(level) }), [change.changeSetId, model, before, level]);
      }
    }
  }
  return carried;
}
