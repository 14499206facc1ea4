// The benchmark sections, in the order they run and appear in docs/BENCHMARKS.md.
import type { Section } from '../lib/context.js';
import { citus } from './citus.js';
import { client } from './client.js';
import { coverage } from './coverage.js';
import { graphqlQueries } from './graphql-queries.js';
import { importThroughput } from './import.js';
import { incremental } from './incremental.js';
import { load } from './load.js';
import { postgraphile } from './postgraphile.js';
import { tiles } from './tiles.js';
import { sourceSync } from './sync.js';
import { walk } from './walk.js';

export const SECTIONS: (Section & { id: string })[] = [
  { id: 'import', ...importThroughput },
  { id: 'graphql', ...graphqlQueries },
  { id: 'coverage', ...coverage },
  { id: 'incremental', ...incremental },
  { id: 'tiles', ...tiles },
  { id: 'load', ...load },
  { id: 'postgraphile', ...postgraphile },
  { id: 'client', ...client },
  { id: 'sync', ...sourceSync },
  { id: 'walk', ...walk },
  // Only with CITUS_URL (a coordinator): reported as not measured otherwise.
  { id: 'citus', ...citus },
];
