// The admin's upload mutation and the `imports` query: same checks as the CLI, runs readable by signed-in users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';

const UPLOAD = `mutation ($input: ImportFileInput!) { importFile(input: $input) { rowsUnchanged summary rejected { row problems { field message } } rejectsCsv
  run { id layer source fileName fileSha256 format crs rowsRead rowsWritten rowsRefused status actor } } }`;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe.each(STORE_KINDS)('import over GraphQL on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('lets an admin import a file and reports the summary', async () => {
    const { data, errors } = await hub.gql(UPLOAD, { input: { layer: 'bus-stops', fileName: 'stops.csv', crs: 'gcj02', contentBase64: base64('编号,名称,经度,纬度\nG1,和平站,123.40,41.80\n') } }, asRole('admin'));
    expect(errors).toBeUndefined();
    expect(data.importFile.run).toMatchObject({ layer: 'bus-stops', source: 'stops', format: 'csv', crs: 'gcj02', rowsRead: 1, rowsWritten: 1, status: 'completed', actor: 'graphql:admin' });
    expect(data.importFile.summary[0]).toMatch(/Imported stops\.csv into bus-stops/);
  });

  it('refuses a bad file with IMPORT_REFUSED naming the row, and records the failed run', async () => {
    const { errors } = await hub.gql(UPLOAD, { input: { layer: 'bus-stops', fileName: 'bad.csv', contentBase64: base64('code,lon,lat\nB1,123.4,95\n') } }, asRole('admin'));
    expect(errors![0].extensions!.code).toBe('IMPORT_REFUSED');
    expect(errors![0].message).toMatch(/bad\.csv: row 2, field "geometry": latitude 95/);
    const runs = await hub.gql(`{ imports(status: "failed") { fileName status rowsRefused message problems { row field } } }`, {}, asRole('analyst'));
    // Other tests' failed runs may be in the store too: this test reads its own.
    expect(runs.data.imports.filter((r: { fileName: string }) => r.fileName === 'bad.csv')).toEqual([expect.objectContaining({ fileName: 'bad.csv', status: 'failed', rowsRefused: 1, problems: [{ row: 2, field: 'geometry' }] })]);
  });

  it('with skipInvalid returns the refused rows and a rejects CSV', async () => {
    const { data } = await hub.gql(UPLOAD, { input: { layer: 'bus-stops', fileName: 'mixed.csv', skipInvalid: true, contentBase64: base64('code,lon,lat\nM1,123.4,41.8\nM2,123.4,x\n') } }, asRole('admin'));
    expect(data.importFile.run).toMatchObject({ rowsWritten: 1, rowsRefused: 1 });
    expect(data.importFile.rejected).toEqual([{ row: 3, problems: [{ field: 'geometry', message: expect.stringMatching(/lat "x" is not a coordinate/) }] }]);
    expect(data.importFile.rejectsCsv).toMatch(/^\uFEFFrow,field,reason/);
  });

  it('keeps imports for admins and runs for signed-in users', async () => {
    const denied = await hub.gql(UPLOAD, { input: { layer: 'bus-stops', fileName: 'x.csv', contentBase64: base64('code,lon,lat\nX,123.4,41.8\n') } }, asRole('analyst'));
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    const anonymous = await hub.gql('{ imports { id } }');
    expect(anonymous.errors![0].extensions!.code).toBe('FORBIDDEN');
    // Runs of its own (a completed one, then a failed one), newest first, whatever other tests imported before.
    expect((await hub.gql(UPLOAD, { input: { layer: 'bus-stops', fileName: 'keep-a.csv', contentBase64: base64('code,lon,lat\nKA,123.4,41.8\n') } }, asRole('admin'))).errors).toBeUndefined();
    await hub.gql(UPLOAD, { input: { layer: 'bus-stops', fileName: 'keep-b.csv', contentBase64: base64('code,lon,lat\nKB,123.4,95\n') } }, asRole('admin'));
    const runs = await hub.gql('{ imports(layer: "bus-stops") { id fileName status } }', {}, asRole('analyst'));
    expect(runs.data.imports.filter((r: { fileName: string }) => r.fileName.startsWith('keep-')).map((r: { fileName: string; status: string }) => [r.fileName, r.status]))
      .toEqual([['keep-b.csv', 'failed'], ['keep-a.csv', 'completed']]);
  });

  it('accepts an upload over HTTP for files too big for a GraphQL request', async () => {
    const response = await fetch(`${hub.url}/api/import/bus-stops?fileName=http.csv&crs=wgs84`, { method: 'POST', headers: { ...asRole('admin'), 'content-type': 'text/csv' }, body: 'code,lon,lat\nH1,123.45,41.8\n' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ rowsWritten: 1, fileName: 'http.csv' });
    const refused = await fetch(`${hub.url}/api/import/bus-stops?fileName=h.csv`, { method: 'POST', headers: { ...asRole('admin'), 'content-type': 'text/csv' }, body: 'code,lon,lat\nH2,123.45,95\n' });
    expect(refused.status).toBe(422);
  });
});
