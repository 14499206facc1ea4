// An Apollo plugin: every GraphQL mutation (imports, deletes, standards, plans) is for admins, checked before any resolver runs.
import type { ApolloServerPlugin } from '@apollo/server';
import { AtlasError, AtlasErrorCode } from '../errors.js';
import type { AtlasContext } from '../request/context.js';
import { canWrite } from '../auth/policy.js';

/**
 * The one place that says "only an admin changes data" for GraphQL. Services may check again (they do, for the
 * HTTP upload route and the CLI's own paths); this guard also covers any mutation added later.
 */
export function adminOnlyMutations(): ApolloServerPlugin<AtlasContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation' && !canWrite(contextValue.viewer)) {
            throw new AtlasError(AtlasErrorCode.Forbidden, 'Only an admin may change data (imports, deletes, standards, plans). Sign in with an admin token (npx atlas token --role admin).', { http: { status: 403 } });
          }
        },
      };
    },
  };
}
