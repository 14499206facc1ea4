// The typical GraphQL queries of each user (PRODUCT.md): built from what the schema has, so missing features are left out, not failed.
import type { Database } from '../../server/db/database.js';
import type { BenchHub } from './hub.js';
import { fieldsOf, ok } from './graphql-checks.js';

export interface TypicalQuery {
  name: string;
  user: string;
  query: string;
  variables: Record<string, unknown>;
  /** What was left out because the schema does not have it yet. */
  missing: string[];
  /** A list query, fetched page by page (`$first`, `$after`) until the last page. */
  paged?: boolean;
}

export interface Subjects {
  districtCode: string;
  districtCommunities: number;
  communityCode: string;
}

/** The district with the most communities (the heaviest an official opens) and its first community. */
export async function pickSubjects(db: Pick<Database, 'query'>): Promise<Subjects> {
  const { rows } = await db.query<{ district_code: string; n: number; first: string }>(
    `SELECT district_code, count(*)::int AS n, min(code) AS first FROM communities WHERE district_code IS NOT NULL
     GROUP BY district_code ORDER BY count(*) DESC, district_code LIMIT 1`,
  );
  if (!rows[0]) throw new Error('no community is linked to a district: is the store seeded?');
  return { districtCode: rows[0].district_code, districtCommunities: rows[0].n, communityCode: rows[0].first };
}

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const PAGE_SIZES = [5000, 1000, 500, 200, 100, 50, 20, 10, 5];

/** The largest page the hub's query limits accept for `typical` (graphql-armor's cost counts `first` as a multiplier). */
export async function largestPage(hub: BenchHub, typical: TypicalQuery): Promise<number> {
  for (const first of PAGE_SIZES) {
    const response = await hub.gql(typical.query, { ...typical.variables, first });
    if (!response.errors?.some((e) => /limit/i.test(e.message))) return first;
  }
  throw new Error(`the hub's query limits refuse "${typical.name}" even 5 records at a time`);
}

/** Runs a typical query to the end (every page); returns how many requests it took. */
export async function runTypical(hub: BenchHub, typical: TypicalQuery, pageSize: number): Promise<number> {
  if (!typical.paged) {
    ok(await hub.gql(typical.query, typical.variables), typical.name);
    return 1;
  }
  let after: string | null = null;
  for (let requests = 1; ; requests++) {
    const data = ok(await hub.gql(typical.query, { ...typical.variables, first: pageSize, after }), typical.name);
    const connection = Object.values(data)[0] as { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    if (!connection.pageInfo.hasNextPage) return requests;
    after = connection.pageInfo.endCursor;
  }
}

export async function typicalQueries(hub: BenchHub, subjects: Subjects): Promise<TypicalQuery[]> {
  const community = await fieldsOf(hub, 'Community');
  const coverageFields = ['busStopCoverage', 'cameraCoverage'].filter((f) => community.has(f));
  const missing = ['busStopCoverage', 'cameraCoverage'].filter((f) => !community.has(f)).map((f) => `Community.${f}`);
  const coverage = coverageFields.map((f) => `${f} { coveredShare coveredAreaM2 }`).join(' ');
  const attributes = 'code name districtCode street kind households population elderly serviceAreaM2 officeAreaM2 activityAreaM2 socialOrgs volunteers careBeds areaM2';
  return [
    {
      name: "a district's communities with boundaries and coverage",
      user: 'district official (map)',
      query: `query($d: String!, $first: Int!, $after: String) { communities(districtCode: $d, first: $first, after: $after) { totalCount ${PAGE_INFO} nodes { code name households population boundary(simplifyMeters: 2) ${coverage} } } }`,
      variables: { d: subjects.districtCode },
      missing,
      paged: true,
    },
    {
      name: "a district's compliance table",
      user: 'district official (table)',
      query: `query($d: String!, $first: Int!, $after: String) { communities(districtCode: $d, first: $first, after: $after) { totalCount ${PAGE_INFO} nodes { ${attributes} gridCells { code workers households } ${coverage} } } }`,
      variables: { d: subjects.districtCode },
      missing,
      paged: true,
    },
    {
      name: "a community's full panel",
      user: 'analyst (panel)',
      query: `query($c: String!) { community(code: $c) { ${attributes} boundary district { code name } gridCells { code name workers households }
        busStops(withinMeters: 500) { code name routes } cameras { code directionDeg fovDeg rangeM }
        renovationSites { code name status planYear checklistDone } provenance { source importRunId sourceRow } ${coverage} } }`,
      variables: { c: subjects.communityCode },
      missing,
    },
  ];
}
