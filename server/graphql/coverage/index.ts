// The coverage feature's resolvers, registered together in schema.ts.
import { CommunityCoverageResolver } from './community-coverage.resolver.js';
import { CoverageResolver } from './coverage.resolver.js';
import { DistrictCoverageResolver } from './district-coverage.resolver.js';
import { GridCellCoverageResolver } from './grid-cell-coverage.resolver.js';
import { ScenariosResolver } from './scenarios.resolver.js';

export const COVERAGE_RESOLVERS: Function[] = [CoverageResolver, CommunityCoverageResolver, GridCellCoverageResolver, DistrictCoverageResolver, ScenariosResolver];
