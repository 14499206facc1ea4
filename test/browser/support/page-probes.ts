// What the tests read from a page: rendered features per map layer, the canvas's colours, and an interior point of an area.
import type { Page } from 'playwright-core';
import polylabel from 'polylabel';
import type { Geometry, Position } from 'geojson';

/** How many features MapLibre has drawn on each of the given style layers. */
export function renderedCounts(page: Page, layerIds: string[]): Promise<Record<string, number>> {
  return page.evaluate((ids) => {
    const map = (window as unknown as { __atlasMap: { getLayer(id: string): unknown; queryRenderedFeatures(options: { layers: string[] }): unknown[] } }).__atlasMap;
    const counts: Record<string, number> = {};
    for (const id of ids) counts[id] = map.getLayer(id) ? map.queryRenderedFeatures({ layers: [id] }).length : -1;
    return counts;
  }, layerIds);
}

/** Distinct colours (quantised to 4 bits a channel) on the map canvas, and the share of pixels unlike the background. */
export function canvasColours(page: Page): Promise<{ distinct: number; nonBackgroundShare: number }> {
  return page.evaluate(() => {
    const map = (window as unknown as { __atlasMap: { getCanvas(): HTMLCanvasElement } }).__atlasMap;
    const source = map.getCanvas();
    const copy = document.createElement('canvas');
    copy.width = 320;
    copy.height = 200;
    const context = copy.getContext('2d')!;
    context.drawImage(source, 0, 0, copy.width, copy.height);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const colours = new Set<number>();
    let nonBackground = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
      // The style's background is #e9ecef.
      if (Math.abs(data[i] - 0xe9) + Math.abs(data[i + 1] - 0xec) + Math.abs(data[i + 2] - 0xef) > 24) nonBackground++;
    }
    return { distinct: colours.size, nonBackgroundShare: nonBackground / (data.length / 4) };
  });
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return Math.abs(sum / 2);
}

/** A point well inside the largest polygon of an area (its pole of inaccessibility), [lon, lat]. */
export function interiorPoint(geometry: Geometry): [number, number] {
  const { lon, lat } = poleOf(geometry);
  return [lon, lat];
}

/** The pole of inaccessibility of the largest polygon, and a lower bound of its distance to the edge in metres. */
export function poleOf(geometry: Geometry): { lon: number; lat: number; clearanceM: number } {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  if (!polygons.length) throw new Error(`Expected a polygon, got ${geometry.type}.`);
  const largest = polygons.reduce((best, polygon) => (ringArea(polygon[0]) > ringArea(best[0]) ? polygon : best));
  const pole = polylabel(largest as [number, number][][], 0.00001);
  const [lon, lat] = pole;
  // A degree of longitude is the shorter one here, so this underestimates the clearance in every direction.
  return { lon, lat, clearanceM: pole.distance * 111_320 * Math.cos((lat * Math.PI) / 180) };
}

/** The centre of the map element on the page, where a click lands on the map's centre. */
export async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('.map').boundingBox();
  if (!box) throw new Error('The map element is not on the page.');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
