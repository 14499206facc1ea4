// Loads the dashboard's two sections for a district (null = every district the viewer may read), each shown as it arrives.
import { hasField, type SchemaFields } from './schema-fields';
import { RenovationDocument, StandardsReportDocument } from '../gql/graphql';
import { WORST_LISTED } from './dashboard-query';
import type { RenovationProgram } from '../gql/graphql';
import { useGraphQL } from './useGraphQL';

export type { RenovationProgram };

export function useDashboardData(district: string | null, program: RenovationProgram, token: string | null, fields: SchemaFields | null) {
  // Leave the variable out for every district: the hub reads an explicit null district filter as "no district".
  const variables = district ? { district } : {};
  const report = useGraphQL(hasField(fields, 'Query', 'standardsReport') ? StandardsReportDocument : null, { ...variables, worst: WORST_LISTED }, token);
  const renovation = useGraphQL(hasField(fields, 'Query', 'renovationProgress') ? RenovationDocument : null, { ...variables, program }, token);
  const years = renovation.data ? (district ? renovation.data.renovationProgress.districts.find((d) => d.districtCode === district)?.years ?? [] : renovation.data.renovationProgress.city) : null;
  return {
    summaries: report.data?.standardsReport ?? null,
    years,
    loading: report.loading || renovation.loading,
    error: report.error ?? renovation.error,
    available: fields !== null && hasField(fields, 'Query', 'standardsReport'),
  };
}
