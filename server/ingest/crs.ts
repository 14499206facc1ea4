// Resolves the coordinate system of an incoming file (--crs, or a Shapefile's .prj) into a conversion to WGS84.
import proj4, { type Converter } from 'proj4';
import type { Geometry } from 'geojson';
import type { Database } from '../db/database.js';
import { badInput } from '../errors.js';
import { CRS_NAMES, mapPositions, parseCrs, toWgs84, type CrsName } from './coordinates.js';

export interface CrsConversion {
  /** How provenance records the system: wgs84, gcj02, bd09, cgcs2000, EPSG:n, or prj:<name>. */
  label: string;
  /** True when positions are already longitude/latitude before conversion (range checks apply to the input). */
  geographic: boolean;
  toWgs84(geometry: Geometry): Geometry;
}

const NAMED_EPSG: Record<number, CrsName> = { 4326: 'wgs84', 4490: 'cgcs2000' };

function named(name: CrsName): CrsConversion {
  return { label: name, geographic: true, toWgs84: (geometry) => toWgs84(geometry, name) };
}

function projected(label: string, definition: string): CrsConversion {
  let converter: Converter;
  try {
    converter = proj4(definition, 'EPSG:4326');
  } catch (error) {
    throw badInput(`The coordinate system ${label} could not be read (${(error as Error).message}). Give --crs EPSG:n instead.`);
  }
  const geographic = /\+proj=longlat|^\s*GEOGCS|^\s*GEOGCRS/i.test(definition);
  return {
    label,
    geographic,
    // Positions that cannot be converted (NaN, far outside the projection) come back as non-numbers and are refused by the row checks.
    toWgs84: (geometry) => mapPositions(geometry, (p) => {
      if (typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return p;
      const [x, y] = converter.forward([p[0], p[1]]);
      return [x, y];
    }),
  };
}

/** The name a .prj gives its system (GEOGCS["GCS_WGS_1984", … → GCS_WGS_1984). */
function prjName(prj: string): string {
  return /^\s*\w+\s*\[\s*"([^"]+)"/.exec(prj)?.[1] ?? 'unnamed';
}

/**
 * The conversion for `crsText` (an explicit --crs wins), else the Shapefile's `prj`, else WGS84.
 * EPSG codes are looked up in the store's own spatial_ref_sys, so any system PostGIS knows is accepted.
 */
export async function resolveCrs(client: Pick<Database, 'query'>, crsText: string | undefined, prj?: string): Promise<CrsConversion> {
  if (crsText && crsText.trim()) {
    const epsg = /^\s*epsg\s*:\s*(\d+)\s*$/i.exec(crsText);
    if (!epsg) return named(parseCrs(crsText));
    const srid = Number(epsg[1]);
    if (NAMED_EPSG[srid]) return named(NAMED_EPSG[srid]);
    const { rows } = await client.query<{ proj4text: string | null }>('SELECT proj4text FROM spatial_ref_sys WHERE srid = $1', [srid]);
    if (!rows[0]?.proj4text?.trim()) {
      throw badInput(`EPSG:${srid} is not a coordinate system this store knows. Check the code, or use one of: ${CRS_NAMES.join(', ')}.`);
    }
    return projected(`EPSG:${srid}`, rows[0].proj4text);
  }
  if (prj && prj.trim()) {
    const name = prjName(prj);
    // WGS84 and CGCS2000 geographic systems need no conversion; anything else goes through proj4's WKT reader.
    if (/^GEOGCS/i.test(prj.trim()) && /WGS[_ ]?(19)?84|CGCS[_ ]?2000|China Geodetic Coordinate System 2000/i.test(name)) {
      return { ...named(/CGCS|China/i.test(name) ? 'cgcs2000' : 'wgs84'), label: `prj:${name}` };
    }
    return projected(`prj:${name}`, prj);
  }
  return named('wgs84');
}
