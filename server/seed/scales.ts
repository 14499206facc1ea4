// How big each demo city is: `demo` (the default at first start), `city` and `province` (benchmarks), `tiny` (tests).
// `province` is ten times `city` in the same 13 districts: a province's counts at a megacity's density, for measuring
// what one node holds (docs/SCALING.md).

export type SeedScale = 'tiny' | 'demo' | 'city' | 'province';
export const SEED_SCALES: readonly SeedScale[] = ['tiny', 'demo', 'city', 'province'];

export interface ScaleTargets {
  communities: number;
  cameras: number;
  busStops: number;
  /** Sites in all; the 2018–2020 programme's sites come first, any beyond it belong to the follow-on plan years. */
  renovationSites: number;
  /** Share of the city-wide 2018–2020 plan (STANDARDS.md renovation-city / renovation-owners) the city lists. */
  planShare: number;
}

export const SCALE_TARGETS: Record<SeedScale, ScaleTargets> = {
  tiny: { communities: 60, cameras: 1_500, busStops: 1_000, renovationSites: 100, planShare: 0.125 },
  demo: { communities: 300, cameras: 12_000, busStops: 5_000, renovationSites: 796, planShare: 1 },
  city: { communities: 2_000, cameras: 100_000, busStops: 10_000, renovationSites: 3_000, planShare: 1 },
  province: { communities: 20_000, cameras: 1_000_000, busStops: 100_000, renovationSites: 30_000, planShare: 1 },
};

export function parseScale(text: string | undefined): SeedScale {
  const scale = (text ?? 'demo').toLowerCase();
  if (!(SEED_SCALES as readonly string[]).includes(scale)) throw new Error(`Unknown scale "${text}". Use one of: ${SEED_SCALES.join(', ')}.`);
  return scale as SeedScale;
}

/** How long one statement of a seed (and of benchmarks over it) may run: the province's link and tiling statements run
 * for minutes, past the server's default; undefined keeps the store's default. */
export function seedStatementTimeoutMs(scale: SeedScale): number | undefined {
  return scale === 'province' ? 3_600_000 : undefined;
}
