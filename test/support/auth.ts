// Tokens for tests: a fixed test key, a viewer resolver that checks it, and Authorization headers per role.
import { signToken, verifyToken } from '../../server/auth/token.js';
import type { Database } from '../../server/db/database.js';
import { createContext, type AtlasContext } from '../../server/request/context.js';
import { readConfig } from '../../server/config.js';
import { createViewerResolver } from '../../server/auth/viewer.resolver.js';
import type { Role } from '../../server/auth/viewer.js';

export const TEST_JWT_SECRET = 'test-secret-for-shequ-atlas-tests-only-0123456789';

/** Pass to startHub(db, testViewerResolver) so that `asRole` headers are honoured. */
export const testViewerResolver = createViewerResolver(TEST_JWT_SECRET);

/** `Authorization` header for a role (officials need their district); the public sends none. */
export function asRole(role: Role, districtCode?: string): Record<string, string> {
  if (role === 'public') return {};
  return { authorization: `Bearer ${signToken({ role, districtCode }, TEST_JWT_SECRET)}` };
}

/** The request context a signed-in caller's request gets: a real token, signed and verified with the test key. */
export function requestContextAs(db: Database, role: Role, districtCode?: string): AtlasContext {
  return createContext(db, readConfig({}), verifyToken(signToken({ role, districtCode }, TEST_JWT_SECRET), TEST_JWT_SECRET));
}
