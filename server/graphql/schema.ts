// Builds the GraphQL schema from the resolvers; `npm run schema` writes schema.graphql for review.
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { GraphQLObjectType, GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { atlasAuthChecker } from './auth-checker.js';
import { BusStopResolver } from './bus-stop/bus-stop.resolver.js';
import { CameraResolver } from './camera/camera.resolver.js';
import { CommunityResolver } from './community/community.resolver.js';
import { DistrictResolver } from './district/district.resolver.js';
import { GridCellResolver } from './grid-cell/grid-cell.resolver.js';
import { RenovationSiteResolver } from './renovation-site/renovation-site.resolver.js';
import { ImportsResolver } from './imports/imports.resolver.js';
import { ChangesResolver } from './changes/changes.resolver.js';
import { DataVersionResolver } from './data-version/data-version.resolver.js';
import { SourcesResolver } from './sources/sources.resolver.js';
import { DistrictAsOfResolver } from './history/as-of.resolver.js';
import { COVERAGE_RESOLVERS } from './coverage/index.js';
import { STANDARDS_RESOLVERS } from './standards/index.js';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');

// Every resolver of the API; a feature adds its resolver here.
export const RESOLVERS: NonEmptyArray<Function> = [
  DistrictResolver,
  CommunityResolver,
  GridCellResolver,
  CameraResolver,
  BusStopResolver,
  RenovationSiteResolver,
  ImportsResolver,
  ChangesResolver,
  DataVersionResolver,
  SourcesResolver,
  DistrictAsOfResolver,
  ...COVERAGE_RESOLVERS,
  ...STANDARDS_RESOLVERS,
];

let built: Promise<GraphQLSchema> | undefined;

export function atlasSchema(options: { emitSchemaFile?: boolean } = {}): Promise<GraphQLSchema> {
  if (options.emitSchemaFile) {
    return buildSchema({ resolvers: RESOLVERS, validate: false, authChecker: atlasAuthChecker, emitSchemaFile: { path: SCHEMA_FILE, sortedSchema: false } });
  }
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false, authChecker: atlasAuthChecker }).then(withPlainFields).then(withDirectResolvers);
  return built;
}

/**
 * type-graphql gives every plain field (a property of the record, no field resolver) a resolver of its own that builds
 * a resolver-data object and runs the (empty) middleware chain, once per field of every record. Where a field has no
 * @Authorized, no middleware and the property carries the field's name, graphql-js's default resolver reads the same
 * property: those fields get it.
 */
function withPlainFields(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!(type instanceof GraphQLObjectType)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const resolved = storage.fieldResolvers.some((r) => r.getObjectType?.() === field.target && r.methodName === field.name);
      const guarded = field.roles !== undefined || (field.middlewares?.length ?? 0) > 0;
      if (!resolved && !guarded && field.name === field.schemaName && fields[field.schemaName]) fields[field.schemaName].resolve = undefined;
    }
  }
  return schema;
}

type ResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<ResolverMetadata['params']>[number];

/** A scalar argument: type-graphql hands it over as graphql-js coerced it (no instance to build, validation is off). */
function scalarArgument(param: ParamMetadata): boolean {
  if (param.kind !== 'arg' || param.typeOptions?.array) return false;
  const type = param.getType() as unknown;
  return type instanceof GraphQLScalarType || type === String || type === Number || type === Boolean;
}

/**
 * type-graphql calls every resolver through a generic handler: per call it looks the resolver's instance up in its
 * container, sorts the parameter list, and passes each @Arg through an async `validateArg` (a promise and a
 * `Promise.all` per call even with validation off). On a list that is once per field of every record: a page of 5,000
 * grid cells with their coverage spent more time there than in its one cache statement. Where a resolver has no
 * @Authorized, no middleware, and reads only its root, the context, `info` and scalar arguments, its field calls the
 * method directly with the same values; a root that is not yet an instance of its type (type-graphql would copy it into
 * one) goes through type-graphql's handler as before.
 */
function withDirectResolvers(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  const instanceOf = (target: Function) => {
    let instance = instances.get(target);
    if (!instance) instances.set(target, (instance = new (target as new () => Record<string, (...args: unknown[]) => unknown>)()));
    return instance;
  };
  const direct = (resolver: ResolverMetadata, original: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> | undefined => {
    if (resolver.roles !== undefined || (resolver.middlewares?.length ?? 0) > 0) return undefined;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    if (!params.every((p) => ((p.kind === 'root' || p.kind === 'context') && !(p as { propertyName?: string }).propertyName) || p.kind === 'info' || scalarArgument(p))) return undefined;
    const method = instanceOf(resolver.target)[resolver.methodName];
    if (typeof method !== 'function') return undefined;
    const instance = instanceOf(resolver.target);
    const root = params.find((p) => p.kind === 'root') as (ParamMetadata & { getType?: () => unknown }) | undefined;
    const rootType = root?.getType?.();
    const rootClass = typeof rootType === 'function' && ![String, Number, Boolean, Date, Array, Promise].includes(rootType as never) ? rootType : undefined;
    const names = params.map((p) => (p.kind === 'arg' ? p.name : ''));
    const kinds = params.map((p) => p.kind);
    return (source, args, context, info) => {
      if (rootClass && source != null && !(source instanceof rootClass)) return original(source, args, context, info);
      const values = new Array(kinds.length);
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[i];
        values[i] = kind === 'root' ? source : kind === 'context' ? context : kind === 'info' ? info : (args as Record<string, unknown>)[names[i]];
      }
      return method.apply(instance, values);
    };
  };
  const typeNames = new Map(storage.objectTypes.map((o) => [o.target, o.name]));
  for (const resolver of storage.fieldResolvers) {
    const typeName = typeNames.get(resolver.getObjectType!() as Function);
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!(type instanceof GraphQLObjectType)) continue;
    const field = type.getFields()[resolver.schemaName];
    if (!field?.resolve) continue;
    field.resolve = direct(resolver, field.resolve) ?? field.resolve;
  }
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  for (const query of storage.queries) {
    const field = queryFields[query.schemaName];
    if (field?.resolve && RESOLVERS.includes(query.target)) field.resolve = direct(query as unknown as ResolverMetadata, field.resolve) ?? field.resolve;
  }
  return schema;
}
