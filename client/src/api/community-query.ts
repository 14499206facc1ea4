// The community panel's query, with the coverage fields only when the hub's schema has them.
import { hasField, type SchemaFields } from './schema-fields';

const COVERAGE = 'coveredShare coveredAreaM2 uncoveredAreaM2 nearestMeters gaps';

export function communityQuery(fields: SchemaFields | null): string {
  const coverage = [
    hasField(fields, 'Community', 'busStopCoverage') ? `busStopCoverage(radiusMeters: 500) { ${COVERAGE} }` : '',
    hasField(fields, 'Community', 'cameraCoverage') ? `cameraCoverage { ${COVERAGE} }` : '',
    hasField(fields, 'Community', 'standards') ? 'standards { ruleId value unit target targetMax pass shortfall detail }' : '',
  ].join('\n    ');
  return `query Community($code: String!) {
  community(code: $code) {
    code name districtCode street kind households population elderly serviceAreaM2 officeAreaM2 activityAreaM2
    socialOrgs volunteers careBeds areaM2
    boundary(simplifyMeters: 1)
    district { name }
    gridCells { code name workers households }
    busStops(withinMeters: 500) { code name }
    renovationSites { code name status planYear program checklistDone }
    ${coverage}
  }
}`;
}

/**
 * Walking along the roads, beside the straight line, where the hub has the walking model: a query of its own, so the
 * panel shows its standards at once while the walk (which builds the network on first use) is still on its way.
 */
export function communityWalkQuery(fields: SchemaFields | null): string | null {
  if (!hasField(fields, 'Query', 'walkNetwork')) return null;
  return `query CommunityWalk($code: String!) {
  community(code: $code) { code busStopWalkCoverage: busStopCoverage(radiusMeters: 500, along: ROADS) { coveredShare nearestMeters } }
}`;
}
