// Loads the dashboard's two sections for a district (null = every district the viewer may read), each shown as it arrives.
import { hasField, type SchemaFields } from './schema-fields';
import { RENOVATION_QUERY, STANDARDS_REPORT_QUERY, type RenovationFacts, type StandardSummaryFacts } from './dashboard-query';
import { useGraphQL, type QueryState } from './useGraphQL';

export type RenovationProgram = 'CITY' | 'OWNER';

export function useDashboardData(district: string | null, program: RenovationProgram, token: string | null, fields: SchemaFields | null) {
  // Leave the variable out for every district: the hub reads an explicit null district filter as "no district".
  const variables = district ? { district } : {};
  const report: QueryState<{ standardsReport: StandardSummaryFacts[] }> = useGraphQL(
    hasField(fields, 'Query', 'standardsReport') ? STANDARDS_REPORT_QUERY : null,
    variables,
    token,
  );
  const renovation: QueryState<{ renovationProgress: RenovationFacts }> = useGraphQL(
    hasField(fields, 'Query', 'renovationProgress') ? RENOVATION_QUERY : null,
    { ...variables, program },
    token,
  );
  const years = renovation.data ? (district ? renovation.data.renovationProgress.districts.find((d) => d.districtCode === district)?.years ?? [] : renovation.data.renovationProgress.city) : null;
  return {
    summaries: report.data?.standardsReport ?? null,
    years,
    loading: report.loading || renovation.loading,
    error: report.error ?? renovation.error,
    available: fields !== null && hasField(fields, 'Query', 'standardsReport'),
  };
}
