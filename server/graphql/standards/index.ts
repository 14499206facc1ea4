// The standards feature's resolvers, registered together in schema.ts.
import { RenovationProgrammeResolver } from './renovation.resolver.js';
import { CommunityStandardsResolver, StandardsResolver } from './standards.resolver.js';
import { StandardsTrendResolver } from './trend.resolver.js';

export const STANDARDS_RESOLVERS: Function[] = [StandardsResolver, CommunityStandardsResolver, RenovationProgrammeResolver, StandardsTrendResolver];
