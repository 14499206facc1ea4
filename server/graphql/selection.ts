// What a GraphQL request reads of a layer's records, from the resolver's `info`: the columns to select, the geometries
// to return in the same statement, and whether a connection's totalCount is asked for.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { Layer } from '../layers.js';
import { layerColumns, type InlineGeometry, type RowSelection } from '../store/layer-query.js';

/** The field of each layer's type that returns its geometry as GeoJSON (with `simplifyMeters`), through `loadGeometry`. */
const GEOMETRY_FIELD: Partial<Record<Layer['name'], string>> = {
  districts: 'boundary',
  communities: 'boundary',
  'grid-cells': 'boundary',
  'renovation-sites': 'geometry',
};

/** Fields resolved from other columns of the row than their own name. */
const NEEDS: Record<string, readonly string[]> = {
  district: ['districtCode'],
  community: ['communityCode'],
  provenance: ['source', 'importRunId', 'sourceRow'],
  checklistDone: ['checklist'],
  standards: ['name'],
};

/** Fields resolved from the record's code alone (links, coverage, geometry loaded by code). */
const CODE_ONLY = new Set(['__typename', 'boundary', 'labelPoint', 'geometry', 'gridCells', 'busStops', 'cameras', 'renovationSites', 'communities', 'busStopCoverage', 'cameraCoverage']);

/** A coverage field asked of every record (`busStopCoverage(radiusMeters: …)`, `cameraCoverage`), with its radius. */
export interface CoverageSelection {
  kind: 'bus-stops' | 'cameras';
  radiusMeters?: number | null;
  /** Bus stops: STRAIGHT_LINE or ROADS. */
  along?: 'STRAIGHT_LINE' | 'ROADS' | null;
}

const COVERAGE_FIELDS: Record<string, CoverageSelection['kind']> = { busStopCoverage: 'bus-stops', cameraCoverage: 'cameras' };

/** Fields of a record that read the store on their own (through DataLoaders), besides its coverage. */
const LOADING = new Set(['district', 'community', 'standards', 'gridCells', 'busStops', 'cameras', 'renovationSites', 'communities']);
const KNOWN = new Set([...CODE_ONLY, ...Object.keys(NEEDS)]);

export interface LayerSelection extends RowSelection {
  /** The connection's totalCount is asked for. */
  totalCount: boolean;
  /**
   * Coverage fields of the records, each kind and radius once, when nothing else of the records reads the store: a
   * page then reads them all before it returns (listLayer). Beside other loading fields they stay DataLoader batches,
   * which run together with those; read first, they would add a round trip before them.
   */
  coverage?: CoverageSelection[];
  /** Tells selections apart in DataLoader keys: the same key, the same SQL. */
  key: string;
}

/** Every selection set: an unselected record reads everything (callers without `info`, e.g. the analysis services). */
export const EVERYTHING: LayerSelection = { totalCount: true, key: '*' };

function included(node: FieldNode | { directives?: FieldNode['directives'] }, variables: GraphQLResolveInfo['variableValues']): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables);
  return include?.if !== false;
}

/** The fields of a selection set, through fragments (type conditions are not narrowed: reading more is harmless). */
function fieldsOf(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (!included(selection, info.variableValues)) continue;
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, info, out);
    else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) fieldsOf(fragment.selectionSet, info, out);
    }
  }
  return out;
}

function subfields(nodes: readonly FieldNode[], info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  for (const node of nodes) fieldsOf(node.selectionSet, info, out);
  return out;
}

function coverageSelection(layer: Layer, nodeType: GraphQLObjectType, fields: FieldNode[], info: GraphQLResolveInfo): CoverageSelection[] {
  const out: CoverageSelection[] = [];
  const columns = new Set(layerColumns(layer).map((c) => c.field));
  if (fields.some((f) => LOADING.has(f.name.value) || !(KNOWN.has(f.name.value) || columns.has(f.name.value)))) return out;
  for (const field of fields) {
    const kind = COVERAGE_FIELDS[field.name.value];
    const definition = kind ? nodeType.getFields()[field.name.value] : undefined;
    if (!kind || !definition) continue;
    const args = kind === 'bus-stops' ? getArgumentValues(definition, field, info.variableValues) : {};
    const radiusMeters = args.radiusMeters as number | null | undefined;
    const along = args.along as CoverageSelection['along'];
    if (!out.some((c) => c.kind === kind && c.radiusMeters === radiusMeters && c.along === along)) out.push({ kind, radiusMeters, along });
  }
  return out;
}

function rowSelection(layer: Layer, nodeType: GraphQLObjectType, fields: FieldNode[], info: GraphQLResolveInfo): RowSelection {
  const columns = new Set(layerColumns(layer).map((c) => c.field));
  const wanted = new Set<string>(['code']);
  const geometry: InlineGeometry[] = [];
  let everything = false;
  const geometryField = GEOMETRY_FIELD[layer.name];
  for (const field of fields) {
    const name = field.name.value;
    if (name === geometryField) {
      const definition = nodeType.getFields()[name];
      const args = definition ? getArgumentValues(definition, field, info.variableValues) : {};
      const simplify = args.simplifyMeters as number | null | undefined;
      const tolerance = simplify && simplify > 0 ? simplify : 0;
      if (!geometry.some((g) => g.tolerance === tolerance)) geometry.push({ field: name, tolerance });
    } else if (columns.has(name)) {
      wanted.add(name);
    } else if (NEEDS[name]) {
      for (const column of NEEDS[name]) wanted.add(column);
    } else if (!CODE_ONLY.has(name)) {
      // A field this module does not know (added later): give its resolver the whole row.
      everything = true;
    }
  }
  return { fields: everything ? undefined : wanted, geometry };
}

function keyOf(selection: RowSelection): string {
  const fields = selection.fields ? [...selection.fields].sort().join(',') : '*';
  const geometry = (selection.geometry ?? []).map((g) => `${g.field}@${g.tolerance}`).sort().join(',');
  return `${fields}|${geometry}`;
}

const remembered = new WeakMap<readonly FieldNode[], { variables: unknown; selection: LayerSelection }>();

/** Once per field of the document and request: a list's items share their `fieldNodes` (graphql-js memoizes them per execution). */
function memo(info: GraphQLResolveInfo, compute: () => LayerSelection): LayerSelection {
  const hit = remembered.get(info.fieldNodes);
  if (hit && hit.variables === info.variableValues) return hit.selection;
  const selection = compute();
  remembered.set(info.fieldNodes, { variables: info.variableValues, selection });
  return selection;
}

/** The records a connection field (`{ totalCount nodes { … } edges { node { … } } }`) reads. */
export function connectionSelection(layer: Layer, info: GraphQLResolveInfo | undefined): LayerSelection {
  return info ? memo(info, () => connectionSelectionOf(layer, info)) : EVERYTHING;
}

function connectionSelectionOf(layer: Layer, info: GraphQLResolveInfo): LayerSelection {
  const connectionType = getNamedType(info.returnType);
  if (!(connectionType instanceof GraphQLObjectType)) return EVERYTHING;
  const nodeType = getNamedType(connectionType.getFields().nodes?.type);
  if (!(nodeType instanceof GraphQLObjectType)) return EVERYTHING;
  const top = subfields(info.fieldNodes, info);
  const nodeFields = [
    ...subfields(top.filter((f) => f.name.value === 'nodes'), info),
    ...subfields(subfields(top.filter((f) => f.name.value === 'edges'), info).filter((f) => f.name.value === 'node'), info),
  ];
  const selection = rowSelection(layer, nodeType, nodeFields, info);
  return { ...selection, totalCount: top.some((f) => f.name.value === 'totalCount'), key: keyOf(selection), coverage: coverageSelection(layer, nodeType, nodeFields, info) };
}

/** The records a field returning the layer's type (one record, or a list of them) reads. */
export function nodeSelection(layer: Layer, info: GraphQLResolveInfo | undefined): LayerSelection {
  return info ? memo(info, () => nodeSelectionOf(layer, info)) : EVERYTHING;
}

function nodeSelectionOf(layer: Layer, info: GraphQLResolveInfo): LayerSelection {
  const nodeType = getNamedType(info.returnType);
  if (!(nodeType instanceof GraphQLObjectType)) return EVERYTHING;
  const selection = rowSelection(layer, nodeType, subfields(info.fieldNodes, info), info);
  return { ...selection, totalCount: false, key: keyOf(selection) };
}
