// type-graphql's @Authorized(...) check: `@Authorized('admin')` on a mutation lets only admins run it.
import type { AuthCheckerFn } from 'type-graphql';
import { forbidden } from '../errors.js';
import type { AtlasContext } from '../request/context.js';
import type { Role } from '../auth/viewer.js';

/**
 * `@Authorized()` (no roles): any signed-in viewer, not the public. `@Authorized('admin')`: those roles only.
 * Refuses with our FORBIDDEN sentence instead of type-graphql's generic "Access denied".
 */
export const atlasAuthChecker: AuthCheckerFn<AtlasContext, Role> = ({ context, info }, roles) => {
  const { role } = context.viewer;
  const allowed = roles.length === 0 ? role !== 'public' : roles.includes(role);
  if (!allowed) {
    const who = roles.length === 0 ? 'a signed-in user' : roles.join(' or ');
    throw forbidden(`${info.parentType.name}.${info.fieldName} is for ${who} only. Sign in with such a token (npx atlas token --role ${roles[0] ?? 'analyst'}).`);
  }
  return true;
};
