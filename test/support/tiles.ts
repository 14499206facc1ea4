// The slippy-map address of the tile holding a WGS84 point (the OSM formula, written here, not the hub's).
export function tileOf([lon, lat]: readonly [number, number] | number[], z: number): [number, number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n)];
}
