// The layers' history: `dataVersions` and `changes` (thin: the rules and SQL are in server/history).
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../../errors.js';
import { countChanges, listChanges, listDataVersions, resolveSince } from '../../history/changes.js';
import type { AtlasContext } from '../../request/context.js';
import { DataVersion, DataVersionConnection, FeatureChange, FeatureChangeConnection, LayerChangeCount, type FeatureChangeKind } from './changes.type.js';

const iso = (at: Date | string) => new Date(at).toISOString();
const changeCursor = (version: number, code: string) => Buffer.from(`change:${version}:${code}`, 'utf8').toString('base64url');

function decodeChangeCursor(cursor: string): { version: number; code: string } {
  const match = /^change:(\d+):(.*)$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after is not a cursor this list gave (use endCursor of the previous page).');
  return { version: Number(match[1]), code: match[2] };
}

@Resolver()
export class ChangesResolver {
  @Query(() => DataVersionConnection, { description: 'The data versions (each import\'s committed change set), newest first: counts of what each added, changed and removed.' })
  async dataVersions(
    @Ctx() ctx: AtlasContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many versions (at most 1000).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string,
    @Arg('layer', () => String, { nullable: true, description: 'Only versions of this layer (CLI name).' }) layer?: string,
  ): Promise<DataVersionConnection> {
    const rows = await listDataVersions(ctx.db, { layer, first, after });
    const nodes: DataVersion[] = rows.map((r) => ({
      id: String(r.id), at: iso(r.at), layer: r.layer, importRunId: r.importRunId === null ? null : String(r.importRunId),
      added: r.added, changed: r.changed, removed: r.removed, unchanged: r.unchanged,
    }));
    return { nodes, endCursor: rows.length === first && rows.length > 0 ? String(rows[rows.length - 1].id) : null };
  }

  @Query(() => FeatureChangeConnection, { description: 'What each feature of a layer went through since a data version (or a time): added, changed or removed, with geometry and attributes before and after. The layer\'s own rules apply: an official sees their district, camera changes only for those who may see camera positions.' })
  async changes(
    @Ctx() ctx: AtlasContext,
    @Arg('layer', () => String, { description: 'The layer (CLI name: bus-stops, communities, …).' }) layer: string,
    @Arg('since', () => ID, { nullable: true, description: 'Changes after this data version ("0" or none: every change recorded).' }) since?: string,
    @Arg('sinceTime', () => String, { nullable: true, description: 'Changes after this time (ISO 8601, e.g. 2026-11-01T00:00:00+08:00), instead of since.' }) sinceTime?: string,
    @Arg('version', () => ID, { nullable: true, description: 'Only the changes of this one data version (its change set).' }) version?: string,
    @Arg('first', () => Int, { defaultValue: 100, description: 'How many changes (at most 1000).' }) first = 100,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string,
  ): Promise<FeatureChangeConnection> {
    const time = sinceTime ? new Date(sinceTime) : null;
    const sinceId = await resolveSince(ctx.db, since, time);
    const only = version ? await resolveSince(ctx.db, version, null) : null;
    const rows = await listChanges(ctx.db, ctx.viewer, { layer, sinceId: only ? only - 1 : sinceId, only, first, after: after ? decodeChangeCursor(after) : null });
    const nodes: FeatureChange[] = rows.map((r) => ({
      kind: r.kind as FeatureChangeKind, layer: r.layer, code: r.code, version: String(r.version), at: iso(r.at),
      before: r.before, after: r.after, attributesBefore: r.attributesBefore, attributesAfter: r.attributesAfter,
    }));
    const last = rows[rows.length - 1];
    return { nodes, endCursor: rows.length === first && last ? changeCursor(last.version, last.code) : null };
  }

  @Query(() => [LayerChangeCount], { description: 'How many features of each layer were added, changed and removed since a data version (or a time), counted on the hub as `changes` lists them and in the same scope: one small answer instead of every change. Layers the viewer reads nothing of are left out.' })
  async changeCounts(
    @Ctx() ctx: AtlasContext,
    @Arg('since', () => ID, { nullable: true, description: 'Changes after this data version ("0" or none: every change recorded).' }) since?: string,
    @Arg('sinceTime', () => String, { nullable: true, description: 'Changes after this time (ISO 8601), instead of since.' }) sinceTime?: string,
    @Arg('version', () => ID, { nullable: true, description: 'Only the changes of this one data version (its change set).' }) version?: string,
    @Arg('districtCode', () => String, { nullable: true, description: 'Only changes of features that lay in this district before or after (a district: itself).' }) districtCode?: string,
  ): Promise<LayerChangeCount[]> {
    const time = sinceTime ? new Date(sinceTime) : null;
    const sinceId = await resolveSince(ctx.db, since, time);
    const only = version ? await resolveSince(ctx.db, version, null) : null;
    return countChanges(ctx.db, ctx.viewer, { sinceId: only ? only - 1 : sinceId, only, district: districtCode ?? null });
  }
}
