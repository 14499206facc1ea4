// The dashboard's trend query: each standard's pass share month by month (standardsTrend), one aliased field per standard.

export interface TrendPointFacts {
  at: string;
  evaluated: number;
  passed: number;
  passShare: number | null;
}

const alias = (index: number) => `rule${index}`;

/** Rule ids go in as variables ($rule0, $rule1, …), so the text depends only on how many there are. */
export function trendQuery(ruleCount: number): string {
  const indexes = Array.from({ length: ruleCount }, (_, index) => index);
  const declared = indexes.map((index) => `$${alias(index)}: String!`).join(', ');
  const selections = indexes.map((index) => `  ${alias(index)}: standardsTrend(ruleId: $${alias(index)}, districtCode: $district) { at evaluated passed passShare }`);
  return `query Trend($district: String${declared ? `, ${declared}` : ''}) {\n${selections.join('\n')}\n}`;
}

export function trendVariables(ruleIds: readonly string[], district: string | null): Record<string, string> {
  const variables: Record<string, string> = Object.fromEntries(ruleIds.map((id, index) => [alias(index), id]));
  // Left out for every district: the hub reads an explicit null as "no district".
  if (district) variables.district = district;
  return variables;
}

export function trendsByRule(ruleIds: readonly string[], data: Record<string, TrendPointFacts[]>): Map<string, TrendPointFacts[]> {
  return new Map(ruleIds.map((id, index) => [id, data[alias(index)] ?? []]));
}
