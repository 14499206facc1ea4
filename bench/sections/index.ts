// The benchmark sections, in the order they run and appear in docs/BENCHMARKS.md.
import type { Section } from '../lib/context.js';
import { graphqlQueries } from './graphql-queries.js';

export const SECTIONS: (Section & { id: string })[] = [
  { id: 'graphql', ...graphqlQueries },
];
