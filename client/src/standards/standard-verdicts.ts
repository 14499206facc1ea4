// What fails in a standard, and by how much, as a sentence a district official would say ("1 个网格没有网格员").
import { formatArea, formatNumber, formatShare } from '../i18n/format';
import type { Language } from '../i18n/messages';
import { formatInUnit } from './standard-units';

export interface VerdictFacts {
  ruleId: string;
  value: number | null;
  shortfall: number | null;
  unit: string;
}

type Sentence = (facts: VerdictFacts, language: Language) => string;

const count = (n: number, language: Language) => formatNumber(n, language, 0);

const SENTENCES: Record<string, Sentence> = {
  'bus-stop-500m': ({ shortfall }, language) =>
    language === 'zh' ? `${formatShare(shortfall!, language)} 的面积离公交站超过 500 米` : `${formatShare(shortfall!, language)} of the area is more than 500 m from a bus stop`,
  'camera-public-area': ({ shortfall }, language) =>
    language === 'zh' ? `${formatShare(shortfall!, language)} 的面积没有监控覆盖` : `${formatShare(shortfall!, language)} of the area is seen by no camera`,
  'grid-one-worker': ({ value }, language) =>
    language === 'zh' ? `${count(value!, language)} 个网格没有网格员` : `${count(value!, language)} grid ${value === 1 ? 'cell has' : 'cells have'} no worker`,
  'grid-tiling': ({ value }, language) =>
    language === 'zh' ? `${formatArea(value!, language)} 不在任何网格内或被多个网格重复划入` : `${formatArea(value!, language)} lies in no grid cell or in more than one`,
  'renovation-checklist': ({ value }, language) =>
    language === 'zh' ? `${count(value!, language)} 个已完工小区未达到十一项标准` : `${count(value!, language)} completed ${value === 1 ? 'site misses' : 'sites miss'} checklist items`,
};

/** The sentence for a failing result; null when it passes or cannot be judged. */
export function verdictOf(facts: VerdictFacts, pass: boolean | null, language: Language): string | null {
  if (pass !== false || facts.value === null || facts.shortfall === null) return null;
  const sentence = SENTENCES[facts.ruleId];
  if (sentence) return sentence(facts, language);
  const by = formatInUnit(facts.shortfall, facts.unit, language);
  return language === 'zh' ? `差 ${by}` : `${by} short`;
}
