// The district dashboard's queries: every community standard's pass share and failing communities, and the renovation programme.

export interface FailingResult {
  communityCode: string;
  communityName: string | null;
  value: number | null;
  unit: string;
  target: number | null;
  targetMax: number | null;
  shortfall: number | null;
}

export interface StandardSummaryFacts {
  rule: { id: string; titleZh: string; titleEn: string; unit: string; comparison: string };
  evaluated: number;
  passed: number;
  failed: number;
  noData: number;
  passShare: number | null;
  worst: FailingResult[];
}

export interface RenovationYearFacts {
  year: number;
  planned: number;
  listed: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  behind: number;
}

export interface RenovationFacts {
  city: RenovationYearFacts[];
  districts: { districtCode: string; districtName: string | null; years: RenovationYearFacts[] }[];
}

/** Failing communities listed per standard: enough for a district, and for the city's worst. */
export const WORST_LISTED = 1000;

export const STANDARDS_REPORT_QUERY = `query StandardsReport($district: String) {
  standardsReport(districtCode: $district, worst: ${WORST_LISTED}) {
    rule { id titleZh titleEn unit comparison }
    evaluated passed failed noData passShare
    worst { communityCode communityName value unit target targetMax shortfall }
  }
}`;

const YEAR = 'year planned listed completed inProgress notStarted behind';

export const RENOVATION_QUERY = `query Renovation($district: String, $program: RenovationProgram!) {
  renovationProgress(program: $program, districtCode: $district) {
    city { ${YEAR} }
    districts { districtCode districtName years { ${YEAR} } }
  }
}`;
