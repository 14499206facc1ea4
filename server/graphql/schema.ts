// Builds the GraphQL schema from the resolvers; `npm run schema` writes schema.graphql for review.
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { atlasAuthChecker } from '../auth/auth-checker.js';
import { BusStopResolver } from './bus-stop/bus-stop.resolver.js';
import { CameraResolver } from './camera/camera.resolver.js';
import { CommunityResolver } from './community/community.resolver.js';
import { DistrictResolver } from './district/district.resolver.js';
import { GridCellResolver } from './grid-cell/grid-cell.resolver.js';
import { RenovationSiteResolver } from './renovation-site/renovation-site.resolver.js';
import { ImportsResolver } from './imports/imports.resolver.js';
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
  ...COVERAGE_RESOLVERS,
  ...STANDARDS_RESOLVERS,
];

let built: Promise<GraphQLSchema> | undefined;

export function atlasSchema(options: { emitSchemaFile?: boolean } = {}): Promise<GraphQLSchema> {
  if (options.emitSchemaFile) {
    return buildSchema({ resolvers: RESOLVERS, validate: false, authChecker: atlasAuthChecker, emitSchemaFile: { path: SCHEMA_FILE, sortedSchema: false } });
  }
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false, authChecker: atlasAuthChecker }).then(withPlainFields);
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
