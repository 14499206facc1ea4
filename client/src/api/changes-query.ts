// The "what changed" queries: each layer's feature changes (one aliased field per layer), the data versions, and their types.
import type { Geometry } from 'geojson';

export type FeatureChangeKind = 'ADDED' | 'CHANGED' | 'REMOVED';

export const CHANGE_KINDS: readonly FeatureChangeKind[] = ['ADDED', 'CHANGED', 'REMOVED'];

/** The hub's layers, by CLI name, in the order the view lists them. */
export const CHANGE_LAYERS = ['communities', 'grid-cells', 'bus-stops', 'cameras', 'renovation-sites', 'roads', 'districts'] as const;
export type ChangeLayer = (typeof CHANGE_LAYERS)[number];

/** The most changes one layer's answer holds (the API's page limit); more is said, and the exports have them all. */
export const CHANGES_PER_LAYER = 1000;

export interface FeatureChangeFacts {
  kind: FeatureChangeKind;
  layer: string;
  code: string;
  version: string;
  at: string;
  before?: Geometry | null;
  after?: Geometry | null;
  attributesBefore: Record<string, unknown> | null;
  attributesAfter: Record<string, unknown> | null;
}

export interface ChangePage {
  nodes: FeatureChangeFacts[];
  endCursor: string | null;
}

export interface DataVersionFacts {
  id: string;
  at: string;
  layer: string;
  added: number;
  changed: number;
  removed: number;
}

const alias = (index: number) => `layer${index}`;

/**
 * One request for the changes of every given layer: `layer0: changes(layer: "communities", …)`. The layer names come
 * from CHANGE_LAYERS, never from input. Without geometry (the dashboard's counts) the answer stays small.
 */
export function changesQuery(layers: readonly ChangeLayer[], withGeometry: boolean): string {
  const fields = `kind layer code version at ${withGeometry ? 'before after ' : ''}attributesBefore attributesAfter`;
  const selections = layers.map(
    (layer, index) => `  ${alias(index)}: changes(layer: "${layer}", version: $version, sinceTime: $sinceTime, first: ${CHANGES_PER_LAYER}) { nodes { ${fields} } endCursor }`,
  );
  return `query Changes($version: ID, $sinceTime: String) {\n${selections.join('\n')}\n}`;
}

/** The answer of changesQuery, back by layer name. */
export function changesByLayer(layers: readonly ChangeLayer[], data: Record<string, ChangePage>): Map<ChangeLayer, ChangePage> {
  return new Map(layers.map((layer, index) => [layer, data[alias(index)] ?? { nodes: [], endCursor: null }]));
}

export const DATA_VERSIONS_QUERY = `query DataVersions($first: Int!) {
  dataVersions(first: $first) { nodes { id at layer added changed removed } endCursor }
}`;

/** The export of one data version's change set. */
export function changeSetExportUrl(id: string, format: 'geojson' | 'csv' | 'xlsx' = 'geojson'): string {
  return `/api/export/changes/${encodeURIComponent(id)}.${format}`;
}
