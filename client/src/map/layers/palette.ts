// The map's colours, chosen to stay apart: a red-to-green ramp for shares, blue for transport, purple for cameras.

export const PALETTE = {
  shareRamp: [
    [0, '#b2182b'],
    [0.5, '#ef8a62'],
    [0.8, '#fee08b'],
    [0.95, '#a6d96a'],
    [1, '#1a9641'],
  ] as const,
  pass: '#4dac26',
  fail: '#b2182b',
  noData: '#c8c8c8',
  district: '#5c4b3b',
  communityLine: '#7f7f7f',
  road: '#ffffff',
  roadCasing: '#b8b8b8',
  grid: '#4a4a4a',
  bus: '#0868ac',
  catchment: '#2b8cbe',
  camera: '#6a3d9a',
  sector: '#9e75c9',
  gap: '#b2182b',
  planned: '#b39b80',
  inProgress: '#f28e2b',
  completed: '#2e8540',
  selection: '#111111',
  whatIf: '#e6007e',
  suggestion: '#00838f',
  /** What changed: added green, removed red, changed amber (the traffic-light reading officials expect). */
  added: '#1a9641',
  removed: '#d7191c',
  changed: '#f0a202',
};
