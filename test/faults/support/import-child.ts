// A child process for the kill test: opens the store argv[2] names (an embedded store's folder, or a postgres:// URL)
// and imports argv[3] bus stops over and over.
import 'reflect-metadata';
import { Database } from '../../../server/db/database.js';
import { importFile } from '../../../server/ingest/import.service.js';
import { lat, lon } from './city.js';

const [store, countText] = process.argv.slice(2);
const count = Number(countText);
const db = await Database.open(store.startsWith('postgres') ? { url: store } : { dataDir: store });
const rows = ['code,name,lon,lat'];
for (let k = 0; k < count; k++) rows.push(`N${k},新站${k},${lon((k % 200) * 12)},${lat(Math.floor(k / 200) * 12)}`);
for (let round = 0; ; round++) {
  console.log(`importing ${round}`);
  // Same source as the city's stops with replace: a finished import leaves exactly `count` stops.
  await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', source: 'stops.csv', replace: true, content: rows.join('\n') });
  console.log(`committed ${round}`);
}
