// The renovation programme of 2018–2020 (STANDARDS.md renovation-city/-owners): which compounds, whose plan, how far along.
import { RENOVATION_CHECKLIST } from '../layers.js';
import type { CommunityAttributes } from './communities.js';
import { DISTRICT_PROFILES } from './districts.js';
import { compoundName } from './names.js';
import type { Random } from './random.js';

type Program = 'city' | 'owner';
type Status = 'planned' | 'in_progress' | 'completed';

/** The city's annual plan: compounds per year under each programme (SY §14). */
export const RENOVATION_PLAN: Record<Program, Record<number, number>> = {
  city: { 2018: 120, 2019: 120, 2020: 74 },
  owner: { 2018: 200, 2019: 200, 2020: 82 },
};
/** The demo's "today": the end of the programme, when some districts are still behind it. */
export const PROGRAMME_SNAPSHOT = '2020-12-31';
const FOLLOW_ON_YEARS = [2021, 2022, 2023];
/** Completion by plan year in the districts that lag; the others finish every site within its year. */
const LAGGING_COMPLETION: Record<number, number> = { 2018: 0.9, 2019: 0.75, 2020: 0.45 };
const LAGGING_DISTRICTS = 3;

export interface PlannedSite {
  community: CommunityAttributes;
  ordinal: number;
  program: Program;
  planYear: number;
}

function weightedPicker(items: readonly CommunityAttributes[], weights: readonly number[], random: Random) {
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative[cumulative.length - 1];
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return items[low];
  };
}

/** Every site of the plan (scaled by planShare), then follow-on sites up to `target`, each placed in an old city or town community. */
export function planSites(communities: readonly CommunityAttributes[], target: number, planShare: number, random: Random): PlannedSite[] {
  const tokens: { program: Program; planYear: number }[] = [];
  for (const program of ['city', 'owner'] as const) {
    for (const [year, count] of Object.entries(RENOVATION_PLAN[program])) {
      for (let i = 0; i < Math.round(count * planShare); i++) tokens.push({ program, planYear: Number(year) });
    }
  }
  while (tokens.length < target) tokens.push({ program: random.chance(0.4) ? 'city' : 'owner', planYear: random.pick(FOLLOW_ON_YEARS) });
  const candidates = communities.filter((c) => c.kind !== 'rural');
  const pick = weightedPicker(candidates, candidates.map((c) => c.households * DISTRICT_PROFILES[c.district_code].oldHousingWeight * (c.kind === 'urban' ? 1 : 0.5)), random);
  const ordinals = new Map<string, number>();
  const sites = random.shuffle(tokens).map((token) => {
    const community = pick();
    const ordinal = (ordinals.get(community.code) ?? 0) + 1;
    ordinals.set(community.code, ordinal);
    return { community, ordinal, ...token };
  });
  return sites.sort((a, b) => a.community.code.localeCompare(b.community.code) || a.ordinal - b.ordinal);
}

export function siteShapes(sites: readonly PlannedSite[], random: Random) {
  const counts = new Map<string, number>();
  for (const s of sites) counts.set(s.community.code, s.ordinal);
  return {
    perCommunity: [...counts].map(([code, count]) => ({ code, count, seed: random.postgisSeed() })),
    shapes: sites.map((s) => ({
      community: s.community.code,
      ordinal: s.ordinal,
      point: random.chance(0.2),
      halfWidthM: Math.round(random.between(40, 110)),
      halfDepthM: Math.round(random.between(30, 90)),
      angleRad: Math.round(random.between(0, Math.PI) * 1000) / 1000,
    })),
  };
}

function dateIn(year: number, random: Random): string {
  return `${year}-${String(random.int(4, 11)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

function progress(planYear: number, lagging: boolean, random: Random): { status: Status; completed_on: string | null } {
  if (planYear > 2020) return { status: 'planned', completed_on: null };
  if (!lagging) return { status: 'completed', completed_on: dateIn(planYear, random) };
  if (random.chance(LAGGING_COMPLETION[planYear])) {
    // Half of a lagging district's completions come a year late (never after the snapshot).
    const year = planYear < 2020 && random.chance(0.5) ? planYear + 1 : planYear;
    return { status: 'completed', completed_on: dateIn(year, random) };
  }
  return { status: random.chance(0.7) ? 'in_progress' : 'planned', completed_on: null };
}

function checklist(status: Status, random: Random): Record<string, boolean> {
  const missing = status === 'completed' && random.chance(0.05) ? new Set([random.int(0, 10), random.int(0, 10)]) : new Set<number>();
  return Object.fromEntries(
    RENOVATION_CHECKLIST.map((item, index) => [
      item.key,
      status === 'completed' ? !missing.has(index) : status === 'in_progress' ? random.chance(0.55) : false,
    ]),
  );
}

export function describeSites(sites: readonly PlannedSite[], geometries: ReadonlyMap<string, string>, random: Random) {
  const districts = [...new Set(sites.map((s) => s.community.district_code))].sort();
  const lagging = new Set(random.shuffle(districts).slice(0, Math.min(LAGGING_DISTRICTS, Math.max(1, Math.floor(districts.length / 3)))));
  const numbers = new Map<string, number>();
  const names = new Map<string, Set<string>>();
  return sites.map((site) => {
    const district = site.community.district_code;
    const series = `${district}-${site.planYear}-${site.program === 'city' ? 'C' : 'O'}`;
    const number = (numbers.get(series) ?? 0) + 1;
    numbers.set(series, number);
    if (!names.has(district)) names.set(district, new Set());
    const { status, completed_on } = progress(site.planYear, lagging.has(district), random);
    return {
      properties: {
        code: `${series}-${String(number).padStart(3, '0')}`,
        name: compoundName(random, names.get(district)!),
        community_code: site.community.code,
        program: site.program,
        plan_year: site.planYear,
        status,
        completed_on,
        households: random.int(120, 900),
        ...checklist(status, random),
      },
      geometry: geometries.get(`${site.community.code}#${site.ordinal}`)!,
    };
  });
}
