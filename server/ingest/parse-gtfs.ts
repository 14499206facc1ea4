// Reads a GTFS feed (its zip, or a stops.txt alone) into bus stops, with the routes that serve each stop.
import path from 'node:path';
import AdmZip from 'adm-zip';
import { parse } from 'csv-parse/sync';
import { decodeText } from './decode-text.js';
import { checkZip } from './limits.js';
import { ImportRefusedError, type SourceRow } from './rows.js';

type Table = Record<string, string>[];

function readTable(text: string, file: string, columns: string[]): Table {
  try {
    const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Table;
    const header = records[0] ? Object.keys(records[0]) : [];
    const missing = columns.filter((c) => records.length > 0 && !header.includes(c));
    if (missing.length) throw new Error(`it has no column ${missing.join(', ')}`);
    return records;
  } catch (error) {
    throw new ImportRefusedError(file, [{ row: 0, message: `could not be read as GTFS: ${(error as Error).message}` }], 'Check that the feed follows the GTFS reference (https://gtfs.org/schedule/reference/) and is complete; nothing was written.');
  }
}

/** route_id → the name riders see (short name, else long name, else the id). */
function routeNames(routes: Table | undefined): Map<string, string> {
  return new Map((routes ?? []).map((r) => [r.route_id, r.route_short_name || r.route_long_name || r.route_id]));
}

/** stop_id → the sorted names of the routes whose trips call there. */
function routesByStop(trips: Table, stopTimes: Table, names: Map<string, string>): Map<string, string[]> {
  const routeOfTrip = new Map(trips.map((t) => [t.trip_id, names.get(t.route_id) ?? t.route_id]));
  const byStop = new Map<string, Set<string>>();
  for (const stopTime of stopTimes) {
    const route = routeOfTrip.get(stopTime.trip_id);
    if (!route) continue;
    let set = byStop.get(stopTime.stop_id);
    if (!set) byStop.set(stopTime.stop_id, (set = new Set()));
    set.add(route);
  }
  return new Map([...byStop].map(([stop, set]) => [stop, [...set].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))]));
}

/**
 * Stops and platforms (location_type empty or 0) become rows; stations, entrances and nodes are left out, since
 * a rider boards at a stop. The code is stop_id; routes, when the feed has trips and stop_times, are joined with "; ".
 */
function stopsToRows(stops: Table, routes: Map<string, string[]> | undefined): { rows: SourceRow[]; skipped: number } {
  const rows: SourceRow[] = [];
  let skipped = 0;
  stops.forEach((stop, index) => {
    if (stop.location_type && stop.location_type !== '0') {
      skipped++;
      return;
    }
    const lon = stop.stop_lon === '' || stop.stop_lon === undefined ? NaN : Number(stop.stop_lon);
    const lat = stop.stop_lat === '' || stop.stop_lat === undefined ? NaN : Number(stop.stop_lat);
    rows.push({
      row: index + 2,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { ...stop, code: stop.stop_id, name: stop.stop_name, ...(routes ? { routes: (routes.get(stop.stop_id) ?? []).join('; ') } : {}) },
    });
  });
  return { rows, skipped };
}

export interface GtfsRead {
  rows: SourceRow[];
  notes: string[];
}

export function parseGtfs(bytes: Buffer, file: string, isZipFile: boolean): GtfsRead {
  if (!isZipFile) {
    const { rows, skipped } = stopsToRows(readTable(decodeText(bytes).text, file, ['stop_id', 'stop_lat', 'stop_lon']), undefined);
    return { rows, notes: [`${skipped} stations/entrances left out (location_type ≠ 0)`, 'routes: not in a lone stops.txt (import the feed\'s zip to get them)'] };
  }
  let entries: Map<string, Buffer>;
  let zip: AdmZip;
  try {
    zip = new AdmZip(bytes);
  } catch (error) {
    throw new ImportRefusedError(file, [{ row: 0, message: `the zip could not be opened (${(error as Error).message}); it may be cut short` }], 'Download or copy the feed again and import the complete zip; nothing was written.');
  }
  checkZip(zip, file);
  try {
    entries = new Map(zip.getEntries().filter((e) => !e.isDirectory).map((e) => [path.basename(e.entryName).toLowerCase(), e.getData()]));
  } catch (error) {
    throw new ImportRefusedError(file, [{ row: 0, message: `the zip could not be opened (${(error as Error).message}); it may be cut short` }], 'Download or copy the feed again and import the complete zip; nothing was written.');
  }
  const table = (name: string, columns: string[]) => {
    const data = entries.get(name);
    return data ? readTable(decodeText(data).text, `${file}/${name}`, columns) : undefined;
  };
  const stops = table('stops.txt', ['stop_id', 'stop_lat', 'stop_lon']);
  if (!stops) throw new ImportRefusedError(file, [{ row: 0, message: 'the zip has no stops.txt' }], 'A GTFS feed must contain stops.txt; nothing was written.');
  const trips = table('trips.txt', ['trip_id', 'route_id']);
  const stopTimes = table('stop_times.txt', ['trip_id', 'stop_id']);
  const routes = trips && stopTimes ? routesByStop(trips, stopTimes, routeNames(table('routes.txt', ['route_id']))) : undefined;
  const { rows, skipped } = stopsToRows(stops, routes);
  return {
    rows,
    notes: [`${skipped} stations/entrances left out (location_type ≠ 0)`, routes ? `routes joined from ${trips!.length} trips` : 'routes: the feed has no trips.txt/stop_times.txt'],
  };
}
