// Reads KML (Google Earth, 奥维互动地图 and most desktop GIS export it), or the KMZ zip around it, into source rows.
import AdmZip from 'adm-zip';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Geometry } from 'geojson';
import { decodeText } from './decode-text.js';
import { isZip } from './formats.js';
import { checkZip } from './limits.js';
import { featureRow } from './parse-geojson.js';
import { ImportRefusedError, type SourceRow } from './rows.js';

export interface KmlRead {
  rows: SourceRow[];
  encoding: string;
  notes: string[];
}

function refuse(file: string, message: string, hint: string): never {
  throw new ImportRefusedError(file, [{ row: 0, message }], `${hint} Nothing was written.`);
}

/**
 * A MultiGeometry becomes a GeometryCollection in GeoJSON; the layers take Multi* shapes, so a collection of one kind of
 * shape is that Multi* shape (a collection of one member, the member itself). Mixed collections stay as they are and are
 * refused by the layer's geometry check.
 */
export function simplifyCollection(geometry: Geometry | null): Geometry | null {
  if (!geometry || geometry.type !== 'GeometryCollection') return geometry;
  const members = geometry.geometries.map(simplifyCollection).filter((g): g is Geometry => g !== null);
  if (members.length === 1) return members[0];
  if (members.length > 0 && members.every((g) => g.type === 'Polygon' || g.type === 'MultiPolygon')) {
    return { type: 'MultiPolygon', coordinates: members.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [])) };
  }
  if (members.length > 0 && members.every((g) => g.type === 'LineString' || g.type === 'MultiLineString')) {
    return { type: 'MultiLineString', coordinates: members.flatMap((g) => (g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [])) };
  }
  return { type: 'GeometryCollection', geometries: members };
}

/** The KML document's bytes: the file itself, or the first .kml inside a KMZ (doc.kml by convention). */
function kmlBytes(bytes: Buffer, file: string): Buffer {
  if (!isZip(bytes)) return bytes;
  let zip: AdmZip;
  try {
    zip = new AdmZip(bytes);
  } catch (error) {
    refuse(file, `the KMZ could not be opened (${(error as Error).message}); it may be cut short`, 'Copy the file again and import the complete KMZ.');
  }
  checkZip(zip, file);
  const entries = zip.getEntries().filter((e) => !e.isDirectory && e.entryName.toLowerCase().endsWith('.kml'));
  const entry = entries.find((e) => e.entryName.toLowerCase() === 'doc.kml') ?? entries[0];
  if (!entry) refuse(file, 'the KMZ holds no .kml document', 'Save the layer from Google Earth or the GIS again as KML or KMZ.');
  try {
    return entry.getData();
  } catch (error) {
    refuse(file, `the KMZ's ${entry.entryName} could not be unpacked (${(error as Error).message.slice(0, 200)}); it may be cut short or damaged`, 'Copy the file again and import the complete KMZ.');
  }
}

export function parseKml(bytes: Buffer, file: string, encoding?: string): KmlRead {
  const decoded = decodeText(kmlBytes(bytes, file), encoding);
  let features;
  try {
    // Only fatal errors stop the parse; xmldom's warnings (an unknown entity, say) leave a usable document.
    const doc = new DOMParser({ onError: (level, message) => { if (level === 'fatalError') throw new Error(message); } })
      .parseFromString(decoded.text, 'text/xml');
    if (!doc.documentElement || doc.documentElement.localName !== 'kml') {
      refuse(file, `is XML but not KML (its root element is <${doc.documentElement?.nodeName ?? 'nothing'}>)`, 'Save the layer as KML or KMZ.');
    }
    features = kml(doc).features;
  } catch (error) {
    if (error instanceof ImportRefusedError) throw error;
    refuse(file, `the KML could not be read (${(error as Error).message.split('\n')[0].slice(0, 200)}); the file may be cut short`, 'Save the layer again as KML or KMZ and import the complete file.');
  }
  const rows = features.map((feature, index) => {
    const row = featureRow(feature, index + 1);
    return { ...row, geometry: simplifyCollection(row.geometry) };
  });
  const unnamed = rows.filter((r) => r.geometry === null).length;
  return { rows, encoding: decoded.encoding, notes: unnamed > 0 ? [`${unnamed} placemark(s) have no geometry`] : [] };
}
