// The `imports` query over more runs than one digit holds: newest first by run number, and `before` pages through all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';

const RUNS = 12;

describe.each(STORE_KINDS)('the imports query on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    hub = await startHub(db, testViewerResolver);
    for (let i = 1; i <= RUNS; i++) {
      const response = await fetch(`${hub.url}/api/import/bus-stops?fileName=run-${i}.csv`, {
        method: 'POST', headers: { ...asRole('admin'), 'content-type': 'text/csv' }, body: `code,lon,lat\nR${i},123.4${i},41.8\n`,
      });
      expect(response.status, `run ${i}`).toBe(200);
    }
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('lists runs newest first by number, so run 10 comes before run 9', async () => {
    const { data, errors } = await hub.gql('{ imports(first: 500) { id fileName } }', {}, asRole('analyst'));
    expect(errors).toBeUndefined();
    const ids = data.imports.map((run: { id: string }) => Number(run.id));
    expect(ids).toHaveLength(RUNS);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(data.imports.map((run: { fileName: string }) => run.fileName)).toEqual(Array.from({ length: RUNS }, (_, i) => `run-${RUNS - i}.csv`));
  });

  it('pages with before through every run once, in order', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < RUNS; page++) {
      const { data, errors }: { data?: any; errors?: unknown } = await hub.gql('query($before: ID) { imports(first: 5, before: $before) { id fileName } }', { before }, asRole('analyst'));
      expect(errors).toBeUndefined();
      if (data.imports.length === 0) break;
      seen.push(...data.imports.map((run: { fileName: string }) => run.fileName));
      before = data.imports.at(-1).id;
    }
    expect(seen).toEqual(Array.from({ length: RUNS }, (_, i) => `run-${RUNS - i}.csv`));
  });
});
