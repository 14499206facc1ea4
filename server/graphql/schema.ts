// Builds the GraphQL schema from the resolvers; `npm run schema` writes schema.graphql for review.
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
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
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false, authChecker: atlasAuthChecker });
  return built;
}
