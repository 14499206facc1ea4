// The ground a what-if site would reach, drawn at once while the hub computes the numbers: a stop's circle or a camera's sector.
import type { Polygon } from 'geojson';

const METERS_PER_DEGREE_LAT = 111_320;

export interface ReachSite {
  lon: number;
  lat: number;
  rangeM: number;
  /** Camera only: clockwise from north; null or fov ≥ 360 means all round. */
  directionDeg?: number | null;
  fovDeg?: number | null;
}

export function siteReach(site: ReachSite, steps = 48): Polygon {
  const metersPerDegreeLon = METERS_PER_DEGREE_LAT * Math.cos((site.lat * Math.PI) / 180);
  const point = (bearingDeg: number): [number, number] => {
    const radians = (bearingDeg * Math.PI) / 180;
    return [site.lon + (site.rangeM * Math.sin(radians)) / metersPerDegreeLon, site.lat + (site.rangeM * Math.cos(radians)) / METERS_PER_DEGREE_LAT];
  };
  const full = site.directionDeg == null || site.fovDeg == null || site.fovDeg >= 360;
  if (full) {
    const ring = Array.from({ length: steps + 1 }, (_, i) => point((360 * i) / steps));
    return { type: 'Polygon', coordinates: [ring] };
  }
  const start = site.directionDeg! - site.fovDeg! / 2;
  const arcSteps = Math.max(2, Math.ceil((site.fovDeg! / 360) * steps));
  const arc = Array.from({ length: arcSteps + 1 }, (_, i) => point(start + (site.fovDeg! * i) / arcSteps));
  const apex: [number, number] = [site.lon, site.lat];
  return { type: 'Polygon', coordinates: [[apex, ...arc, apex]] };
}
