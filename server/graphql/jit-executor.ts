// Runs GraphQL operations compiled by graphql-jit instead of graphql-js's interpreter, behind Apollo Server's gateway seam.
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { execute, getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';

// The gateway types as Apollo Server names them (their package is Apollo's own dependency, not ours).
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/**
 * Apollo Server parses and validates a document once and keeps it (its document store, an LRU keyed by the query's
 * hash), with every limit rule (server/limits/graphql-limits.ts) and every plugin still run per request; only execution
 * goes through the gateway's executor. This one compiles each document and operation once into a JavaScript function
 * (graphql-jit: no per-field lookups of the field's definition, argument coercion done once, no promise per object)
 * and runs that. Compiled queries are kept beside Apollo's own document (a WeakMap on the DocumentNode), so they live
 * exactly as long as Apollo's LRU keeps the parsed document: a query text seen once more costs no second compilation,
 * and the cache is bounded by Apollo's.
 *
 * graphql-jit hands resolvers a full `info` (fieldNodes, fragments, variableValues, returnType, parentType, path), which
 * server/graphql/selection.ts reads. A document graphql-jit cannot compile runs on graphql-js as before.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  function compiledFor(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let byOperation = compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      compiled.set(document, byOperation);
    }
    const key = operationName ?? '';
    let query = byOperation.get(key);
    if (query === undefined) {
      // Errors are built with the resolver's own error as originalError (formatError reads it); their stack is the
      // original's, so capturing another one per error is wasted.
      try {
        const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
        query = isCompiledQuery(result) ? result : null;
      } catch (error) {
        // A document graphql-jit cannot compile (a construct it does not support) runs on graphql-js, once logged.
        console.warn('[graphql] graphql-jit could not compile an operation; graphql-js runs it:', (error as Error).message);
        query = null;
      }
      byOperation.set(key, query);
    }
    return query;
  }

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, request, context, operation } = requestContext;
    const operationName = request.operationName ?? undefined;
    const query = compiledFor(document, operationName);
    const variables = request.variables ?? {};
    if (!query) return (await execute({ schema, document, operationName, variableValues: variables, contextValue: context })) as ExecutionResult;
    const result = withExtensions((await query.query(undefined, context, variables)) as ExecutionResult);
    if (result.data === undefined && result.errors?.length && operation) {
      // Nothing ran: the variables did not fit their types. graphql-js says so with the variable's definition as the
      // error's node, which is how Apollo tells a caller's mistake (BAD_USER_INPUT, HTTP 400) from a failure of ours;
      // graphql-jit's errors carry only a location. Coercing again here costs only on this path.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      if (coerced.errors) return { errors: coerced.errors };
    }
    return result;
  };

  /**
   * graphql-jit's errors take `extensions` from their original error only, and leave it undefined (and read-only) when
   * the original has none (a raw pg error while PostgreSQL restarts); Apollo's error formatting reads
   * `extensions.code` before formatError and, on the TypeError, answers "Internal server error" in place of the hub's
   * DATABASE_UNAVAILABLE sentence (test/faults/postgres-restart.test.ts found it). Such errors are made again as
   * graphql-js makes them: same message, locations, path and original error, `extensions` an object.
   */
  function withExtensions(result: ExecutionResult): ExecutionResult {
    if (!result.errors?.some((error) => !error.extensions)) return result;
    const errors = result.errors.map((error) => {
      if (error.extensions) return error;
      const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
      (copy as { locations?: GraphQLError['locations'] }).locations = error.locations;
      return copy;
    });
    return { ...result, errors };
  }

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
