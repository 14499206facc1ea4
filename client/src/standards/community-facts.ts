// The figures of one community that the standards are judged on, as the community query (api/community.graphql) returns them.
import type { CommunityQuery, CommunityWalkQuery } from '../gql/graphql';

type Community = NonNullable<CommunityQuery['community']>;

/** A coverage as the panels read it: the community's own (with its gaps), or a what-if's before and after. */
export type CoverageFacts = Omit<Community['busStopCoverage'], 'gaps'> & { gaps?: Community['busStopCoverage']['gaps'] };

export type CommunityFacts = Community & {
  /** The same 500 m walked along the roads (absent when the hub has no walking model, or until it has come). */
  busStopWalkCoverage?: NonNullable<CommunityWalkQuery['community']>['busStopWalkCoverage'];
};
