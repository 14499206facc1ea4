/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Community($code: String!) {\n  community(code: $code) {\n    code\n    name\n    districtCode\n    street\n    kind\n    households\n    population\n    elderly\n    serviceAreaM2\n    officeAreaM2\n    activityAreaM2\n    socialOrgs\n    volunteers\n    careBeds\n    areaM2\n    boundary(simplifyMeters: 1)\n    district {\n      name\n    }\n    gridCells {\n      code\n      name\n      workers\n      households\n    }\n    busStops(withinMeters: 500) {\n      code\n      name\n    }\n    renovationSites {\n      code\n      name\n      status\n      planYear\n      program\n      checklistDone\n    }\n    busStopCoverage(radiusMeters: 500) {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n    cameraCoverage {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n    standards {\n      ruleId\n      value\n      unit\n      target\n      targetMax\n      pass\n      shortfall\n      detail\n    }\n  }\n}\n\nquery CommunityWalk($code: String!) {\n  community(code: $code) {\n    code\n    busStopWalkCoverage: busStopCoverage(radiusMeters: 500, along: ROADS) {\n      coveredShare\n      nearestMeters\n    }\n  }\n}": typeof types.CommunityDocument,
    "query StandardsReport($district: String, $worst: Int!) {\n  standardsReport(districtCode: $district, worst: $worst) {\n    rule {\n      id\n      titleZh\n      titleEn\n      unit\n      comparison\n    }\n    evaluated\n    passed\n    failed\n    noData\n    passShare\n    worst {\n      communityCode\n      communityName\n      value\n      unit\n      target\n      targetMax\n      shortfall\n    }\n  }\n}\n\nquery Renovation($district: String, $program: RenovationProgram!) {\n  renovationProgress(program: $program, districtCode: $district) {\n    city {\n      year\n      planned\n      listed\n      completed\n      inProgress\n      notStarted\n      behind\n    }\n    districts {\n      districtCode\n      districtName\n      years {\n        year\n        planned\n        listed\n        completed\n        inProgress\n        notStarted\n        behind\n      }\n    }\n  }\n}": typeof types.StandardsReportDocument,
    "query DataVersion {\n  dataChangedAt\n}": typeof types.DataVersionDocument,
    "query Districts {\n  districts {\n    code\n    name\n    labelPoint\n    boundary(simplifyMeters: 150)\n  }\n}": typeof types.DistrictsDocument,
    "query SchemaFields {\n  __schema {\n    types {\n      name\n      kind\n      fields {\n        name\n      }\n    }\n  }\n}": typeof types.SchemaFieldsDocument,
    "query StandardRules {\n  standardRules {\n    id\n    titleZh\n    titleEn\n    comparison\n    unit\n    enabled\n    scope\n  }\n}": typeof types.StandardRulesDocument,
    "query WhatIf($kind: CoverageKind!, $communityCode: String!, $site: ProposedSiteInput!) {\n  whatIf(kind: $kind, scope: {communityCode: $communityCode}, add: [$site]) {\n    before {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n    }\n    after {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n  }\n}\n\nquery Suggest($communityCode: String!) {\n  suggestSites(kind: BUS_STOPS, scope: {communityCode: $communityCode}, count: 3) {\n    before {\n      coveredShare\n    }\n    suggestions {\n      rank\n      location\n      newlyCoveredAreaM2\n      coveredShareAfter\n    }\n  }\n}": typeof types.WhatIfDocument,
    "query CommunityLabels {\n  communities(first: 5000) {\n    nodes {\n      code\n      name\n      labelPoint\n    }\n  }\n}": typeof types.CommunityLabelsDocument,
    "query Search($text: String!) {\n  byName: communities(nameContains: $text, first: 8) {\n    nodes {\n      code\n      name\n      districtCode\n      street\n    }\n  }\n  byCode: communities(code: $text, first: 1) {\n    nodes {\n      code\n      name\n      districtCode\n      street\n    }\n  }\n}": typeof types.SearchDocument,
    "query Sources {\n  sources {\n    id\n    layer\n    url\n    kind\n    schedule\n    timeZone\n    nextRunAt\n    lastRun {\n      status\n      added\n      changed\n      removed\n      unchanged\n      message\n      startedAt\n      finishedAt\n      pages\n      bytes\n    }\n    lastFailure {\n      message\n      startedAt\n    }\n  }\n}\n\nmutation Sync($id: ID!) {\n  syncSource(id: $id) {\n    status\n    message\n  }\n}": typeof types.SourcesDocument,
};
const documents: Documents = {
    "query Community($code: String!) {\n  community(code: $code) {\n    code\n    name\n    districtCode\n    street\n    kind\n    households\n    population\n    elderly\n    serviceAreaM2\n    officeAreaM2\n    activityAreaM2\n    socialOrgs\n    volunteers\n    careBeds\n    areaM2\n    boundary(simplifyMeters: 1)\n    district {\n      name\n    }\n    gridCells {\n      code\n      name\n      workers\n      households\n    }\n    busStops(withinMeters: 500) {\n      code\n      name\n    }\n    renovationSites {\n      code\n      name\n      status\n      planYear\n      program\n      checklistDone\n    }\n    busStopCoverage(radiusMeters: 500) {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n    cameraCoverage {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n    standards {\n      ruleId\n      value\n      unit\n      target\n      targetMax\n      pass\n      shortfall\n      detail\n    }\n  }\n}\n\nquery CommunityWalk($code: String!) {\n  community(code: $code) {\n    code\n    busStopWalkCoverage: busStopCoverage(radiusMeters: 500, along: ROADS) {\n      coveredShare\n      nearestMeters\n    }\n  }\n}": types.CommunityDocument,
    "query StandardsReport($district: String, $worst: Int!) {\n  standardsReport(districtCode: $district, worst: $worst) {\n    rule {\n      id\n      titleZh\n      titleEn\n      unit\n      comparison\n    }\n    evaluated\n    passed\n    failed\n    noData\n    passShare\n    worst {\n      communityCode\n      communityName\n      value\n      unit\n      target\n      targetMax\n      shortfall\n    }\n  }\n}\n\nquery Renovation($district: String, $program: RenovationProgram!) {\n  renovationProgress(program: $program, districtCode: $district) {\n    city {\n      year\n      planned\n      listed\n      completed\n      inProgress\n      notStarted\n      behind\n    }\n    districts {\n      districtCode\n      districtName\n      years {\n        year\n        planned\n        listed\n        completed\n        inProgress\n        notStarted\n        behind\n      }\n    }\n  }\n}": types.StandardsReportDocument,
    "query DataVersion {\n  dataChangedAt\n}": types.DataVersionDocument,
    "query Districts {\n  districts {\n    code\n    name\n    labelPoint\n    boundary(simplifyMeters: 150)\n  }\n}": types.DistrictsDocument,
    "query SchemaFields {\n  __schema {\n    types {\n      name\n      kind\n      fields {\n        name\n      }\n    }\n  }\n}": types.SchemaFieldsDocument,
    "query StandardRules {\n  standardRules {\n    id\n    titleZh\n    titleEn\n    comparison\n    unit\n    enabled\n    scope\n  }\n}": types.StandardRulesDocument,
    "query WhatIf($kind: CoverageKind!, $communityCode: String!, $site: ProposedSiteInput!) {\n  whatIf(kind: $kind, scope: {communityCode: $communityCode}, add: [$site]) {\n    before {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n    }\n    after {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n  }\n}\n\nquery Suggest($communityCode: String!) {\n  suggestSites(kind: BUS_STOPS, scope: {communityCode: $communityCode}, count: 3) {\n    before {\n      coveredShare\n    }\n    suggestions {\n      rank\n      location\n      newlyCoveredAreaM2\n      coveredShareAfter\n    }\n  }\n}": types.WhatIfDocument,
    "query CommunityLabels {\n  communities(first: 5000) {\n    nodes {\n      code\n      name\n      labelPoint\n    }\n  }\n}": types.CommunityLabelsDocument,
    "query Search($text: String!) {\n  byName: communities(nameContains: $text, first: 8) {\n    nodes {\n      code\n      name\n      districtCode\n      street\n    }\n  }\n  byCode: communities(code: $text, first: 1) {\n    nodes {\n      code\n      name\n      districtCode\n      street\n    }\n  }\n}": types.SearchDocument,
    "query Sources {\n  sources {\n    id\n    layer\n    url\n    kind\n    schedule\n    timeZone\n    nextRunAt\n    lastRun {\n      status\n      added\n      changed\n      removed\n      unchanged\n      message\n      startedAt\n      finishedAt\n      pages\n      bytes\n    }\n    lastFailure {\n      message\n      startedAt\n    }\n  }\n}\n\nmutation Sync($id: ID!) {\n  syncSource(id: $id) {\n    status\n    message\n  }\n}": types.SourcesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Community($code: String!) {\n  community(code: $code) {\n    code\n    name\n    districtCode\n    street\n    kind\n    households\n    population\n    elderly\n    serviceAreaM2\n    officeAreaM2\n    activityAreaM2\n    socialOrgs\n    volunteers\n    careBeds\n    areaM2\n    boundary(simplifyMeters: 1)\n    district {\n      name\n    }\n    gridCells {\n      code\n      name\n      workers\n      households\n    }\n    busStops(withinMeters: 500) {\n      code\n      name\n    }\n    renovationSites {\n      code\n      name\n      status\n      planYear\n      program\n      checklistDone\n    }\n    busStopCoverage(radiusMeters: 500) {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n    cameraCoverage {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n    standards {\n      ruleId\n      value\n      unit\n      target\n      targetMax\n      pass\n      shortfall\n      detail\n    }\n  }\n}\n\nquery CommunityWalk($code: String!) {\n  community(code: $code) {\n    code\n    busStopWalkCoverage: busStopCoverage(radiusMeters: 500, along: ROADS) {\n      coveredShare\n      nearestMeters\n    }\n  }\n}"): typeof import('./graphql').CommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StandardsReport($district: String, $worst: Int!) {\n  standardsReport(districtCode: $district, worst: $worst) {\n    rule {\n      id\n      titleZh\n      titleEn\n      unit\n      comparison\n    }\n    evaluated\n    passed\n    failed\n    noData\n    passShare\n    worst {\n      communityCode\n      communityName\n      value\n      unit\n      target\n      targetMax\n      shortfall\n    }\n  }\n}\n\nquery Renovation($district: String, $program: RenovationProgram!) {\n  renovationProgress(program: $program, districtCode: $district) {\n    city {\n      year\n      planned\n      listed\n      completed\n      inProgress\n      notStarted\n      behind\n    }\n    districts {\n      districtCode\n      districtName\n      years {\n        year\n        planned\n        listed\n        completed\n        inProgress\n        notStarted\n        behind\n      }\n    }\n  }\n}"): typeof import('./graphql').StandardsReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DataVersion {\n  dataChangedAt\n}"): typeof import('./graphql').DataVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Districts {\n  districts {\n    code\n    name\n    labelPoint\n    boundary(simplifyMeters: 150)\n  }\n}"): typeof import('./graphql').DistrictsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SchemaFields {\n  __schema {\n    types {\n      name\n      kind\n      fields {\n        name\n      }\n    }\n  }\n}"): typeof import('./graphql').SchemaFieldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StandardRules {\n  standardRules {\n    id\n    titleZh\n    titleEn\n    comparison\n    unit\n    enabled\n    scope\n  }\n}"): typeof import('./graphql').StandardRulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhatIf($kind: CoverageKind!, $communityCode: String!, $site: ProposedSiteInput!) {\n  whatIf(kind: $kind, scope: {communityCode: $communityCode}, add: [$site]) {\n    before {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n    }\n    after {\n      coveredShare\n      coveredAreaM2\n      uncoveredAreaM2\n      nearestMeters\n      gaps\n    }\n  }\n}\n\nquery Suggest($communityCode: String!) {\n  suggestSites(kind: BUS_STOPS, scope: {communityCode: $communityCode}, count: 3) {\n    before {\n      coveredShare\n    }\n    suggestions {\n      rank\n      location\n      newlyCoveredAreaM2\n      coveredShareAfter\n    }\n  }\n}"): typeof import('./graphql').WhatIfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CommunityLabels {\n  communities(first: 5000) {\n    nodes {\n      code\n      name\n      labelPoint\n    }\n  }\n}"): typeof import('./graphql').CommunityLabelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Search($text: String!) {\n  byName: communities(nameContains: $text, first: 8) {\n    nodes {\n      code\n      name\n      districtCode\n      street\n    }\n  }\n  byCode: communities(code: $text, first: 1) {\n    nodes {\n      code\n      name\n      districtCode\n      street\n    }\n  }\n}"): typeof import('./graphql').SearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sources {\n  sources {\n    id\n    layer\n    url\n    kind\n    schedule\n    timeZone\n    nextRunAt\n    lastRun {\n      status\n      added\n      changed\n      removed\n      unchanged\n      message\n      startedAt\n      finishedAt\n      pages\n      bytes\n    }\n    lastFailure {\n      message\n      startedAt\n    }\n  }\n}\n\nmutation Sync($id: ID!) {\n  syncSource(id: $id) {\n    status\n    message\n  }\n}"): typeof import('./graphql').SourcesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
