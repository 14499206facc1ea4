// The hub's standards as rules (id, titles in both languages, comparison, unit), by id.
import { useMemo } from 'react';
import { StandardRulesDocument } from '../gql/graphql';
import type { StandardRulesQuery } from '../gql/graphql';
import { hasField, type SchemaFields } from './schema-fields';
import { useGraphQL } from './useGraphQL';

export type StandardRuleInfo = StandardRulesQuery['standardRules'][number];

export function useStandardRules(token: string | null, fields: SchemaFields | null): ReadonlyMap<string, StandardRuleInfo> {
  const { data } = useGraphQL(hasField(fields, 'Query', 'standardRules') ? StandardRulesDocument : null, {}, token);
  return useMemo(() => new Map((data?.standardRules ?? []).map((rule) => [rule.id, rule])), [data]);
}
