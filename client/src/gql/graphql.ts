/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What covers an area: bus stops (circles of a radius) or cameras (view sectors). */
export type CoverageKind =
  /** Bus stops, each covering a circle of the given radius. */
  | 'BUS_STOPS'
  /** Surveillance cameras, each covering its view sector. */
  | 'CAMERAS';

/** A proposed bus stop or camera. Camera fields are ignored for stops. */
export type ProposedSiteInput = {
  /** Camera direction, degrees clockwise from north; none means all round. */
  directionDeg?: number | null | undefined;
  /** Camera field of view, degrees (default 360). */
  fovDeg?: number | null | undefined;
  /** Latitude, WGS84. */
  lat: number;
  /** Longitude, WGS84. */
  lon: number;
  /** Camera range, metres (default: the configured default range). */
  rangeM?: number | null | undefined;
};

/** Who renovates: the city programme (renovation-city) or property owners (renovation-owners). */
export type RenovationProgram =
  /** The city programme (standard renovation-city). */
  | 'CITY'
  /** Renovation by property owners (standard renovation-owners). */
  | 'OWNER';

/** What a source URL serves: an OGC API – Features collection, a WFS 2.0 service, or a GeoJSON or CSV file. */
export type SourceKind =
  /** A CSV file at an http or https URL. */
  | 'CSV'
  /** A GeoJSON file at an http or https URL. */
  | 'GEOJSON'
  /** An OGC API – Features collection (its /items, following rel="next"). */
  | 'OGCAPI'
  /** A WFS 2.0 service (GetFeature in pages; GeoJSON where offered, else GML 3.2). */
  | 'WFS';

/** How a sync ended: APPLIED (its difference is in the layer), UNCHANGED (the source sent what it sent last time), FAILED (nothing applied; see message), RUNNING (not ended yet). */
export type SyncStatus =
  /** Its difference from the last sync is in the layer. */
  | 'APPLIED'
  /** Nothing was applied; the message says why, and the last good data stays. */
  | 'FAILED'
  /** Not ended yet. */
  | 'RUNNING'
  /** The source sent what it sent last time; nothing was written. */
  | 'UNCHANGED';

/** An enum describing what kind of type a given `__Type` is. */
export type __TypeKind =
  /** Indicates this type is a scalar. */
  | 'SCALAR'
  /** Indicates this type is an object. `fields` and `interfaces` are valid fields. */
  | 'OBJECT'
  /** Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields. */
  | 'INTERFACE'
  /** Indicates this type is a union. `possibleTypes` is a valid field. */
  | 'UNION'
  /** Indicates this type is an enum. `enumValues` is a valid field. */
  | 'ENUM'
  /** Indicates this type is an input object. `inputFields` is a valid field. */
  | 'INPUT_OBJECT'
  /** Indicates this type is a list. `ofType` is a valid field. */
  | 'LIST'
  /** Indicates this type is a non-null. `ofType` is a valid field. */
  | 'NON_NULL';

export type CommunityQueryVariables = Exact<{
  code: string;
}>;


export type CommunityQuery = { community: { code: string, name: string, districtCode: string | null, street: string | null, kind: string | null, households: number | null, population: number | null, elderly: number | null, serviceAreaM2: number | null, officeAreaM2: number | null, activityAreaM2: number | null, socialOrgs: number | null, volunteers: number | null, careBeds: number | null, areaM2: number, boundary: import('geojson').Geometry, district: { name: string } | null, gridCells: Array<{ code: string, name: string | null, workers: number | null, households: number | null }>, busStops: Array<{ code: string, name: string | null }>, renovationSites: Array<{ code: string, name: string | null, status: string | null, planYear: number | null, program: string | null, checklistDone: number }>, busStopCoverage: { coveredShare: number, coveredAreaM2: number, uncoveredAreaM2: number, nearestMeters: number | null, gaps: import('geojson').Geometry | null }, cameraCoverage: { coveredShare: number, coveredAreaM2: number, uncoveredAreaM2: number, nearestMeters: number | null, gaps: import('geojson').Geometry | null }, standards: Array<{ ruleId: string, value: number | null, unit: string, target: number | null, targetMax: number | null, pass: boolean | null, shortfall: number | null, detail: string | null }> } | null };

export type CommunityWalkQueryVariables = Exact<{
  code: string;
}>;


export type CommunityWalkQuery = { community: { code: string, busStopWalkCoverage: { coveredShare: number, nearestMeters: number | null } } | null };

export type StandardsReportQueryVariables = Exact<{
  district?: string | null | undefined;
  worst: number;
}>;


export type StandardsReportQuery = { standardsReport: Array<{ evaluated: number, passed: number, failed: number, noData: number, passShare: number | null, rule: { id: string, titleZh: string, titleEn: string, unit: string, comparison: string }, worst: Array<{ communityCode: string, communityName: string | null, value: number | null, unit: string, target: number | null, targetMax: number | null, shortfall: number | null }> }> };

export type RenovationQueryVariables = Exact<{
  district?: string | null | undefined;
  program: RenovationProgram;
}>;


export type RenovationQuery = { renovationProgress: { city: Array<{ year: number, planned: number, listed: number, completed: number, inProgress: number, notStarted: number, behind: number }>, districts: Array<{ districtCode: string, districtName: string | null, years: Array<{ year: number, planned: number, listed: number, completed: number, inProgress: number, notStarted: number, behind: number }> }> } };

export type DataVersionQueryVariables = Exact<{ [key: string]: never; }>;


export type DataVersionQuery = { dataChangedAt: string | null };

export type DistrictsQueryVariables = Exact<{ [key: string]: never; }>;


export type DistrictsQuery = { districts: Array<{ code: string, name: string, labelPoint: import('geojson').Geometry, boundary: import('geojson').Geometry }> };

export type SchemaFieldsQueryVariables = Exact<{ [key: string]: never; }>;


export type SchemaFieldsQuery = { __schema: { types: Array<{ name: string | null, kind: __TypeKind, fields: Array<{ name: string }> | null }> } };

export type StandardRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type StandardRulesQuery = { standardRules: Array<{ id: string, titleZh: string, titleEn: string, comparison: string, unit: string, enabled: boolean, scope: string }> };

export type WhatIfQueryVariables = Exact<{
  kind: CoverageKind;
  communityCode: string;
  site: ProposedSiteInput;
}>;


export type WhatIfQuery = { whatIf: { before: { coveredShare: number, coveredAreaM2: number, uncoveredAreaM2: number, nearestMeters: number | null }, after: { coveredShare: number, coveredAreaM2: number, uncoveredAreaM2: number, nearestMeters: number | null, gaps: import('geojson').Geometry | null } } };

export type SuggestQueryVariables = Exact<{
  communityCode: string;
}>;


export type SuggestQuery = { suggestSites: { before: { coveredShare: number }, suggestions: Array<{ rank: number, location: import('geojson').Geometry, newlyCoveredAreaM2: number, coveredShareAfter: number }> } };

export type CommunityLabelsQueryVariables = Exact<{ [key: string]: never; }>;


export type CommunityLabelsQuery = { communities: { nodes: Array<{ code: string, name: string, labelPoint: import('geojson').Geometry }> } };

export type SearchQueryVariables = Exact<{
  text: string;
}>;


export type SearchQuery = { byName: { nodes: Array<{ code: string, name: string, districtCode: string | null, street: string | null }> }, byCode: { nodes: Array<{ code: string, name: string, districtCode: string | null, street: string | null }> } };

export type SourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type SourcesQuery = { sources: Array<{ id: string, layer: string, url: string, kind: SourceKind, schedule: string | null, timeZone: string, nextRunAt: string | null, lastRun: { status: SyncStatus, added: number, changed: number, removed: number, unchanged: number, message: string | null, startedAt: string, finishedAt: string | null, pages: number, bytes: number } | null, lastFailure: { message: string | null, startedAt: string } | null }> };

export type SyncMutationVariables = Exact<{
  id: string | number;
}>;


export type SyncMutation = { syncSource: { status: SyncStatus, message: string | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const CommunityDocument = new TypedDocumentString(`
    query Community($code: String!) {
  community(code: $code) {
    code
    name
    districtCode
    street
    kind
    households
    population
    elderly
    serviceAreaM2
    officeAreaM2
    activityAreaM2
    socialOrgs
    volunteers
    careBeds
    areaM2
    boundary(simplifyMeters: 1)
    district {
      name
    }
    gridCells {
      code
      name
      workers
      households
    }
    busStops(withinMeters: 500) {
      code
      name
    }
    renovationSites {
      code
      name
      status
      planYear
      program
      checklistDone
    }
    busStopCoverage(radiusMeters: 500) {
      coveredShare
      coveredAreaM2
      uncoveredAreaM2
      nearestMeters
      gaps
    }
    cameraCoverage {
      coveredShare
      coveredAreaM2
      uncoveredAreaM2
      nearestMeters
      gaps
    }
    standards {
      ruleId
      value
      unit
      target
      targetMax
      pass
      shortfall
      detail
    }
  }
}
    `) as unknown as TypedDocumentString<CommunityQuery, CommunityQueryVariables>;
export const CommunityWalkDocument = new TypedDocumentString(`
    query CommunityWalk($code: String!) {
  community(code: $code) {
    code
    busStopWalkCoverage: busStopCoverage(radiusMeters: 500, along: ROADS) {
      coveredShare
      nearestMeters
    }
  }
}
    `) as unknown as TypedDocumentString<CommunityWalkQuery, CommunityWalkQueryVariables>;
export const StandardsReportDocument = new TypedDocumentString(`
    query StandardsReport($district: String, $worst: Int!) {
  standardsReport(districtCode: $district, worst: $worst) {
    rule {
      id
      titleZh
      titleEn
      unit
      comparison
    }
    evaluated
    passed
    failed
    noData
    passShare
    worst {
      communityCode
      communityName
      value
      unit
      target
      targetMax
      shortfall
    }
  }
}
    `) as unknown as TypedDocumentString<StandardsReportQuery, StandardsReportQueryVariables>;
export const RenovationDocument = new TypedDocumentString(`
    query Renovation($district: String, $program: RenovationProgram!) {
  renovationProgress(program: $program, districtCode: $district) {
    city {
      year
      planned
      listed
      completed
      inProgress
      notStarted
      behind
    }
    districts {
      districtCode
      districtName
      years {
        year
        planned
        listed
        completed
        inProgress
        notStarted
        behind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RenovationQuery, RenovationQueryVariables>;
export const DataVersionDocument = new TypedDocumentString(`
    query DataVersion {
  dataChangedAt
}
    `) as unknown as TypedDocumentString<DataVersionQuery, DataVersionQueryVariables>;
export const DistrictsDocument = new TypedDocumentString(`
    query Districts {
  districts {
    code
    name
    labelPoint
    boundary(simplifyMeters: 150)
  }
}
    `) as unknown as TypedDocumentString<DistrictsQuery, DistrictsQueryVariables>;
export const SchemaFieldsDocument = new TypedDocumentString(`
    query SchemaFields {
  __schema {
    types {
      name
      kind
      fields {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SchemaFieldsQuery, SchemaFieldsQueryVariables>;
export const StandardRulesDocument = new TypedDocumentString(`
    query StandardRules {
  standardRules {
    id
    titleZh
    titleEn
    comparison
    unit
    enabled
    scope
  }
}
    `) as unknown as TypedDocumentString<StandardRulesQuery, StandardRulesQueryVariables>;
export const WhatIfDocument = new TypedDocumentString(`
    query WhatIf($kind: CoverageKind!, $communityCode: String!, $site: ProposedSiteInput!) {
  whatIf(kind: $kind, scope: {communityCode: $communityCode}, add: [$site]) {
    before {
      coveredShare
      coveredAreaM2
      uncoveredAreaM2
      nearestMeters
    }
    after {
      coveredShare
      coveredAreaM2
      uncoveredAreaM2
      nearestMeters
      gaps
    }
  }
}
    `) as unknown as TypedDocumentString<WhatIfQuery, WhatIfQueryVariables>;
export const SuggestDocument = new TypedDocumentString(`
    query Suggest($communityCode: String!) {
  suggestSites(kind: BUS_STOPS, scope: {communityCode: $communityCode}, count: 3) {
    before {
      coveredShare
    }
    suggestions {
      rank
      location
      newlyCoveredAreaM2
      coveredShareAfter
    }
  }
}
    `) as unknown as TypedDocumentString<SuggestQuery, SuggestQueryVariables>;
export const CommunityLabelsDocument = new TypedDocumentString(`
    query CommunityLabels {
  communities(first: 5000) {
    nodes {
      code
      name
      labelPoint
    }
  }
}
    `) as unknown as TypedDocumentString<CommunityLabelsQuery, CommunityLabelsQueryVariables>;
export const SearchDocument = new TypedDocumentString(`
    query Search($text: String!) {
  byName: communities(nameContains: $text, first: 8) {
    nodes {
      code
      name
      districtCode
      street
    }
  }
  byCode: communities(code: $text, first: 1) {
    nodes {
      code
      name
      districtCode
      street
    }
  }
}
    `) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const SourcesDocument = new TypedDocumentString(`
    query Sources {
  sources {
    id
    layer
    url
    kind
    schedule
    timeZone
    nextRunAt
    lastRun {
      status
      added
      changed
      removed
      unchanged
      message
      startedAt
      finishedAt
      pages
      bytes
    }
    lastFailure {
      message
      startedAt
    }
  }
}
    `) as unknown as TypedDocumentString<SourcesQuery, SourcesQueryVariables>;
export const SyncDocument = new TypedDocumentString(`
    mutation Sync($id: ID!) {
  syncSource(id: $id) {
    status
    message
  }
}
    `) as unknown as TypedDocumentString<SyncMutation, SyncMutationVariables>;