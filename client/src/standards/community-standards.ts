// Turns the hub's per-community standard results (Community.standards) into the rows of the community panel.
import type { Language } from '../i18n/messages';
import type { StandardRow } from './standard-row';
import { STANDARD_LABELS } from './standard-labels';
import { formatInUnit, formatTarget } from './standard-units';
import { verdictOf } from './standard-verdicts';

export interface StandardResultFacts {
  ruleId: string;
  value: number | null;
  unit: string;
  target: number | null;
  targetMax: number | null;
  pass: boolean | null;
  shortfall: number | null;
  detail: string | null;
}

export interface StandardRuleFacts {
  id: string;
  titleZh: string;
  titleEn: string;
  comparison: string;
}

export function standardRows(results: readonly StandardResultFacts[], rules: ReadonlyMap<string, StandardRuleFacts>, language: Language): StandardRow[] {
  return results.map((result) => {
    const rule = rules.get(result.ruleId);
    const label = STANDARD_LABELS[result.ruleId]?.[language] ?? (language === 'zh' ? rule?.titleZh : rule?.titleEn) ?? result.ruleId;
    return {
      id: result.ruleId,
      label,
      title: language === 'zh' ? rule?.titleZh : rule?.titleEn,
      value: formatInUnit(result.value, result.unit, language),
      target: formatTarget(rule?.comparison ?? 'at_least', result.target, result.targetMax, result.unit, language),
      pass: result.pass,
      shortfall: result.pass === false && result.shortfall != null ? formatInUnit(result.shortfall, result.unit, language) : null,
      verdict: verdictOf(result, result.pass, language),
      raw: result.value ?? undefined,
    };
  });
}
