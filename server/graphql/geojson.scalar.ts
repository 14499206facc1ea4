// The GeoJSON scalar: a GeoJSON geometry in WGS84 lon/lat, checked on the way in.
import { check } from '@placemarkio/check-geojson';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Geometry } from 'geojson';
import { badInput } from '../errors.js';

function literalToValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalToValue(f.value)]));
    case Kind.LIST:
      return node.values.map(literalToValue);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    default:
      throw badInput('GeoJSON must be written as an object literal or passed as a variable.');
  }
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

/** Checks that a value is a GeoJSON geometry and says what is wrong when it is not. */
export function parseGeometry(value: unknown): Geometry {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  const type = (parsed as { type?: unknown })?.type;
  if (typeof type !== 'string' || !GEOMETRY_TYPES.includes(type)) {
    throw badInput(`GeoJSON argument must be a geometry of type ${GEOMETRY_TYPES.join(', ')}; got ${JSON.stringify(type ?? typeof parsed)}.`);
  }
  try {
    // check-geojson validates whole objects; wrap the geometry in a feature to reuse its checks.
    check(JSON.stringify({ type: 'Feature', properties: {}, geometry: parsed }));
  } catch (error) {
    const issues = (error as { issues?: { message: string }[] }).issues;
    throw badInput(`GeoJSON argument is not valid: ${issues?.map((i) => i.message).join('; ') ?? (error as Error).message}.`);
  }
  return parsed as Geometry;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badInput('GeoJSON argument is not valid JSON.');
  }
}

/**
 * GeoJSON text from PostGIS (`ST_AsGeoJSON`), kept as text on its way out: `stringifyResponse` splices it into the
 * response as it is, instead of parsing every coordinate into a number only to print it again. Anything else that
 * turns it into JSON (`JSON.stringify` outside `stringifyResponse`) gets the parsed geometry, so nothing breaks.
 */
export class RawGeoJSON {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return splicing ? splicing.add(this.text) : JSON.parse(this.text);
  }
}

let splicing: { add(text: string): string } | null = null;
let responses = 0;

/**
 * `JSON.stringify` of a GraphQL response with its GeoJSON texts spliced in unparsed (Apollo's `stringifyResult`).
 * Each text first stands in as a string marker that no value of the response can contain: a NUL character (never in
 * PostgreSQL text) followed by this response's own random key and the text's number.
 */
export function stringifyResponse(value: unknown): string {
  const texts: string[] = [];
  const key = `${(responses = (responses + 1) % 1e9)}.${Math.random().toString(36).slice(2)}`;
  splicing = {
    add(text) {
      texts.push(text);
      return `\u0000${key}:${texts.length - 1}`;
    },
  };
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    splicing = null;
  }
  if (texts.length === 0) return `${json}\n`;
  const marker = `"\\u0000${key}:`;
  let out = '';
  let from = 0;
  for (let at = json.indexOf(marker); at !== -1; at = json.indexOf(marker, from)) {
    const end = json.indexOf('"', at + marker.length);
    out += json.slice(from, at) + texts[Number(json.slice(at + marker.length, end))];
    from = end + 1;
  }
  return `${out}${json.slice(from)}\n`;
}

export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry (RFC 7946) in WGS84 longitude/latitude.',
  // 'null' text (no such record) stays null, which graphql-js reports for a non-null field, as before.
  serialize: (value) => (typeof value === 'string' ? (value === 'null' ? null : new RawGeoJSON(value)) : value),
  parseValue: parseGeometry,
  parseLiteral: (node) => parseGeometry(literalToValue(node)),
});
