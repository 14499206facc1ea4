// How many cameras each community gets (雪亮工程: most in city compounds, a few neglected ones) and their view sectors.
import type { CommunityAttributes, CommunityKind } from './communities.js';
import type { Random } from './random.js';

export interface CameraPosition {
  community_code: string;
  compound: number;
  camera: number;
  expected_rows: string;
  lon: string;
  lat: string;
}

const KIND_WEIGHT: Record<CommunityKind, number> = { urban: 1, town: 0.4, rural: 0.1 };
/** A share of city communities the camera programme has barely reached: public areas no camera sees. */
const NEGLECTED_SHARE = 0.1;
const YARD_RADIUS_M: Record<CommunityKind, number> = { urban: 90, town: 70, rural: 50 };

export function cameraRequests(communities: readonly CommunityAttributes[], target: number, random: Random) {
  const weights = communities.map((c) => c.households * KIND_WEIGHT[c.kind] * (random.chance(NEGLECTED_SHARE) ? 0.15 : 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return communities.map((c, index) => {
    const cameras = Math.max(1, Math.round((target * weights[index]) / total));
    const perCompound = Math.min(cameras, random.int(6, 14));
    return { code: c.code, compounds: Math.max(1, Math.round(cameras / perCompound)), perCompound, yardRadiusM: YARD_RADIUS_M[c.kind], seed: random.postgisSeed() };
  });
}

function fieldOfView(random: Random): { direction_deg: number | null; fov_deg: number } {
  if (random.chance(0.1)) return { direction_deg: null, fov_deg: 360 }; // dome cameras see all round
  const fov = random.chance(0.05) ? random.int(30, 50) : random.pick([60, 70, 80, 90, 90, 100, 110, 120]);
  return { direction_deg: random.int(0, 359), fov_deg: fov };
}

export function describeCameras(positions: readonly CameraPosition[], communities: readonly CommunityAttributes[], districtNames: ReadonlyMap<string, string>, random: Random) {
  const byCode = new Map(communities.map((c) => [c.code, c]));
  return positions.map((p, index) => {
    const community = byCode.get(p.community_code)!;
    const operator = random.chance(0.55) ? `${districtNames.get(community.district_code)}公安分局` : random.chance(0.78) ? '物业服务企业' : '社区居委会';
    return {
      code: `SY-CAM-${String(index + 1).padStart(6, '0')}`,
      name: `${community.name}${p.compound}号院${p.camera}号摄像机`,
      ...fieldOfView(random),
      range_m: random.int(30, 80),
      operator,
      lon: p.lon,
      lat: p.lat,
    };
  });
}
