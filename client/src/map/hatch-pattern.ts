// The hatch drawn over coverage gaps: red diagonal lines on transparent, tileable, as raw RGBA for map.addImage.

export const HATCH_IMAGE_ID = 'atlas-hatch';

export function hatchPattern(sizePx = 12, rgb: [number, number, number] = [178, 24, 43]): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(sizePx * sizePx * 4);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      // Lines where x + y ≡ 0 (mod size), 2 px wide, wrap at the edges so tiles join seamlessly.
      const d = (x + y) % sizePx;
      const alpha = d < 2 ? 230 : d === 2 || d === sizePx - 1 ? 90 : 0;
      const i = (y * sizePx + x) * 4;
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
      data[i + 3] = alpha;
    }
  }
  return { width: sizePx, height: sizePx, data };
}
