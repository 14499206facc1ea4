// Reads a WFS 2.0 GetFeature answer in GML 3.2 (and WFS capabilities) into source rows, with fast-xml-parser.
import { XMLParser } from 'fast-xml-parser';
import type { Geometry, Position } from 'geojson';
import type { SourceRow } from '../ingest/rows.js';
import { SyncFailure } from './http.js';

const LISTS = new Set([
  'member', 'featureMember', 'Value', 'FeatureType', 'Operation', 'Parameter', 'interior', 'pointMember', 'curveMember',
  'lineStringMember', 'surfaceMember', 'polygonMember', 'Format',
]);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => LISTS.has(name),
});

type Node = Record<string, any>;

export function parseXml(text: string, where: string): Node {
  try {
    return parser.parse(text, true) as Node;
  } catch (error) {
    throw new SyncFailure(`${where} is not well-formed XML (${(error as Error).message}); the answer may be cut short`);
  }
}

/** An OWS exception report's text, when the service answered one instead of features. */
export function exceptionText(doc: Node): string | undefined {
  const report = doc.ExceptionReport;
  if (!report) return undefined;
  const exception = [report.Exception].flat()[0];
  return String([exception?.ExceptionText].flat()[0] ?? 'an exception report');
}

/** EPSG:4326 and CGCS2000 named as URNs or URIs are latitude first (WFS 2.0); as EPSG:n, longitude first. */
function latitudeFirst(srsName: string | undefined): boolean {
  return !!srsName && /(urn:ogc:def:crs:EPSG:[\d.]*:(4326|4490)$)|(opengis\.net\/def\/crs\/EPSG\/0\/(4326|4490)$)/i.test(srsName);
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return String((node as Node)['#text'] ?? '');
  return String(node);
}

function positions(node: unknown, dimension: number, swap: boolean): Position[] {
  const numbers = text(node).split(/\s+/).filter(Boolean).map(Number);
  const out: Position[] = [];
  for (let i = 0; i + 1 < numbers.length; i += dimension) out.push(swap ? [numbers[i + 1], numbers[i]] : [numbers[i], numbers[i + 1]]);
  return out;
}

function ringOf(ring: Node | undefined, swap: boolean, srsDimension: number): Position[] {
  const linear = ring?.LinearRing;
  if (!linear) return [];
  const dimension = Number(linear.posList?.['@srsDimension'] ?? srsDimension);
  if (linear.posList !== undefined) return positions(linear.posList, dimension, swap);
  return [linear.pos].flat().flatMap((p) => positions(p, dimension, swap));
}

const GEOMETRY_NAMES = ['Point', 'LineString', 'Curve', 'Polygon', 'Surface', 'MultiPoint', 'MultiCurve', 'MultiLineString', 'MultiSurface', 'MultiPolygon'];

function geometryOf(name: string, node: Node, inheritedSrs?: string): Geometry {
  const srs = node['@srsName'] ?? inheritedSrs;
  const swap = latitudeFirst(srs);
  const dimension = Number(node['@srsDimension'] ?? 2);
  switch (name) {
    case 'Point':
      return { type: 'Point', coordinates: positions(node.pos ?? node.coordinates, dimension, swap)[0] ?? [] };
    case 'LineString':
    case 'Curve': {
      const list = node.posList ?? node.segments?.LineStringSegment?.posList;
      return { type: 'LineString', coordinates: list !== undefined ? positions(list, Number(list?.['@srsDimension'] ?? dimension), swap) : [node.pos].flat().flatMap((p) => positions(p, dimension, swap)) };
    }
    case 'Polygon':
    case 'Surface': {
      const patch = name === 'Surface' ? node.patches?.PolygonPatch ?? {} : node;
      return { type: 'Polygon', coordinates: [ringOf(patch.exterior, swap, dimension), ...(patch.interior ?? []).map((r: Node) => ringOf(r, swap, dimension))] };
    }
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: members(node, ['pointMember', 'pointMembers']).map((m) => (geometryOf(m.name, m.node, srs) as GeoJSON.Point).coordinates) };
    case 'MultiCurve':
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: members(node, ['curveMember', 'lineStringMember', 'curveMembers']).map((m) => (geometryOf(m.name, m.node, srs) as GeoJSON.LineString).coordinates) };
    default:
      return { type: 'MultiPolygon', coordinates: members(node, ['surfaceMember', 'polygonMember', 'surfaceMembers']).map((m) => (geometryOf(m.name, m.node, srs) as GeoJSON.Polygon).coordinates) };
  }
}

function members(node: Node, keys: string[]): { name: string; node: Node }[] {
  const found: { name: string; node: Node }[] = [];
  for (const key of keys) {
    for (const member of [node[key] ?? []].flat()) {
      for (const name of GEOMETRY_NAMES) for (const child of [member?.[name] ?? []].flat()) found.push({ name, node: child });
    }
  }
  return found;
}

/** The geometry a property holds, if it holds one. */
function asGeometry(value: unknown): Geometry | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const name = GEOMETRY_NAMES.find((n) => n in (value as Node));
  return name ? geometryOf(name, [(value as Node)[name]].flat()[0]) : undefined;
}

/**
 * The features of a GetFeature answer, numbered from `firstRow`: each member's simple properties, its first geometry
 * property, and its gml:id as `id` when no property is called that (as the GeoJSON parser does with a feature's id).
 */
export function parseGmlFeatures(textBody: string, where: string, firstRow: number): { rows: SourceRow[]; numberMatched?: number } {
  const doc = parseXml(textBody, where);
  const failure = exceptionText(doc);
  if (failure) throw new SyncFailure(`${where} answered an exception: ${failure}`);
  const collection = doc.FeatureCollection;
  if (!collection) throw new SyncFailure(`${where} is not a WFS FeatureCollection`);
  const matched = Number(collection['@numberMatched']);
  const rows: SourceRow[] = [];
  for (const member of [...(collection.member ?? []), ...(collection.featureMember ?? [])]) {
    const [typeName] = Object.keys(member).filter((k) => !k.startsWith('@'));
    const feature: Node = [member[typeName]].flat()[0] ?? {};
    const properties: Record<string, unknown> = {};
    let geometry: Geometry | null = null;
    for (const [key, value] of Object.entries(feature)) {
      if (key.startsWith('@') || key === 'boundedBy') continue;
      const shape = asGeometry(value);
      if (shape) {
        geometry ??= shape;
        continue;
      }
      const nil = typeof value === 'object' && value !== null && /^(true|1)$/.test(String((value as Node)['@nil'] ?? ''));
      properties[key] = nil ? null : text(value);
    }
    if (properties.id === undefined && feature['@id'] !== undefined) properties.id = String(feature['@id']).replace(new RegExp(`^${typeName}\\.`), '');
    rows.push({ row: firstRow + rows.length, geometry, properties });
  }
  return { rows, numberMatched: Number.isFinite(matched) ? matched : undefined };
}
