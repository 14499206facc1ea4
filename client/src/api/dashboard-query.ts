// The district dashboard's figures as its queries (dashboard.graphql) return them, and how many failing communities it lists.
import type { RenovationQuery, StandardsReportQuery } from '../gql/graphql';

/** Failing communities listed per standard: enough for a district, and for the city's worst. */
export const WORST_LISTED = 1000;

export type StandardSummaryFacts = StandardsReportQuery['standardsReport'][number];
export type FailingResult = StandardSummaryFacts['worst'][number];
export type RenovationFacts = RenovationQuery['renovationProgress'];
export type RenovationYearFacts = RenovationFacts['city'][number];
