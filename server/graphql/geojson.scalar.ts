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

export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry (RFC 7946) in WGS84 longitude/latitude.',
  serialize: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  parseValue: parseGeometry,
  parseLiteral: (node) => parseGeometry(literalToValue(node)),
});
