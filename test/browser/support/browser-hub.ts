// A hub for browser tests: a fresh embedded store (or a new PostGIS database with DATABASE_URL) with the demo city, serving the built client.
import { seedDemoCity } from '../../../server/seed/seed.service.js';
import type { SeedScale } from '../../../server/seed/scales.js';
import { STORE_KINDS } from '../../support/stores.js';
import { startHub, type TestHub } from '../../support/hub.js';

export interface BrowserHub extends TestHub {
  storeKind: string;
  dispose(): Promise<void>;
}

export async function startBrowserHub(scale: SeedScale = 'tiny', storeKindName?: string): Promise<BrowserHub> {
  const kind = STORE_KINDS.find((candidate) => candidate.name === (storeKindName ?? 'embedded')) ?? STORE_KINDS[0];
  const db = await kind.open();
  await seedDemoCity(db, { scale, seed: 1 });
  const hub = await startHub(db);
  return {
    ...hub,
    storeKind: kind.name,
    async dispose() {
      await hub.close();
      await db.dispose();
    },
  };
}
