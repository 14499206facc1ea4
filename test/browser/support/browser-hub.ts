// A hub for browser tests: a fresh embedded store (or a new PostGIS database with DATABASE_URL) with the demo city, serving the built client.
import crypto from 'node:crypto';
import type { Database } from '../../../server/db/database.js';
import { signToken } from '../../../server/auth/token.js';
import { createViewerResolver } from '../../../server/auth/viewer.resolver.js';
import type { Role } from '../../../server/auth/viewer.js';
import { seedDemoCity } from '../../../server/seed/seed.service.js';
import type { SeedScale } from '../../../server/seed/scales.js';
import { STORE_KINDS } from '../../support/stores.js';
import { startHub, type TestHub } from '../../support/hub.js';

export interface BrowserHub extends TestHub {
  storeKind: string;
  /** The hub's store, for what a test does behind the API (a backdated standards snapshot). */
  db: Database;
  /** A sign-in token for this hub. */
  token(role: Role, districtCode?: string): string;
  dispose(): Promise<void>;
}

export async function startBrowserHub(scale: SeedScale = 'tiny', storeKindName?: string): Promise<BrowserHub> {
  const kind = STORE_KINDS.find((candidate) => candidate.name === (storeKindName ?? 'embedded')) ?? STORE_KINDS[0];
  const db = await kind.open();
  await seedDemoCity(db, { scale, seed: 1 });
  const secret = crypto.randomBytes(32).toString('hex');
  const hub = await startHub(db, createViewerResolver(secret));
  return {
    ...hub,
    storeKind: kind.name,
    db,
    token: (role, districtCode) => signToken({ role, districtCode }, secret),
    async dispose() {
      await hub.close();
      await db.dispose();
    },
  };
}
