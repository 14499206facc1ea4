// The hub's standards as rules (id, titles in both languages, comparison, unit), by id.
import { useMemo } from 'react';
import type { StandardRuleFacts } from '../standards/community-standards';
import { hasField, type SchemaFields } from './schema-fields';
import { useGraphQL } from './useGraphQL';

const RULES_QUERY = `{ standardRules { id titleZh titleEn comparison unit enabled scope } }`;

export interface StandardRuleInfo extends StandardRuleFacts {
  unit: string;
  enabled: boolean;
  scope: string;
}

export function useStandardRules(token: string | null, fields: SchemaFields | null): ReadonlyMap<string, StandardRuleInfo> {
  const { data } = useGraphQL<{ standardRules: StandardRuleInfo[] }>(hasField(fields, 'Query', 'standardRules') ? RULES_QUERY : null, {}, token);
  return useMemo(() => new Map((data?.standardRules ?? []).map((rule) => [rule.id, rule])), [data]);
}
