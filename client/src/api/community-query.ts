// The community panel's query, with the coverage fields only when the hub's schema has them.
import { hasField, type SchemaFields } from './schema-fields';

const COVERAGE = 'coveredShare coveredAreaM2 uncoveredAreaM2 nearestMeters gaps';

export function communityQuery(fields: SchemaFields | null): string {
  const coverage = [
    hasField(fields, 'Community', 'busStopCoverage') ? `busStopCoverage(radiusMeters: 500) { ${COVERAGE} }` : '',
    // Walking along the roads, beside the straight line, where the hub has the walking model.
    hasField(fields, 'Query', 'walkNetwork') ? 'busStopWalkCoverage: busStopCoverage(radiusMeters: 500, along: ROADS) { coveredShare nearestMeters }' : '',
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
