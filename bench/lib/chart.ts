// A horizontal bar chart (SVG, no dependencies) of each figure's ratio to its baseline, on a log scale around 1×.
import type { Figure } from './figures.js';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ratioChartSvg(figures: Figure[], title: string): string {
  const rows = figures.filter((f) => f.ratio !== undefined && Number.isFinite(f.ratio) && f.ratio > 0);
  const labelWidth = 470;
  const plotWidth = 420;
  const rowHeight = 20;
  const top = 44;
  const height = top + rows.length * rowHeight + 30;
  const width = labelWidth + plotWidth + 80;
  const [minLog, maxLog] = [-2, 2]; // 0.01× … 100×
  const x = (ratio: number) => labelWidth + ((Math.min(maxLog, Math.max(minLog, Math.log10(ratio))) - minLog) / (maxLog - minLog)) * plotWidth;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${escape(`Ratio to the baseline measured in the same run (log scale): ${title}`)}</text>`,
    `<text x="10" y="34" fill="#555">time ratios: left of 1× is faster than the baseline; throughput ratios (req/s, features/s): right of 1× is more per second. Red: target missed.</text>`,
  ];
  for (const tick of [0.01, 0.1, 1, 10, 100]) {
    parts.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="${top - 4}" y2="${height - 24}" stroke="${tick === 1 ? '#000' : '#ddd'}"/>`);
    parts.push(`<text x="${x(tick)}" y="${height - 10}" text-anchor="middle" fill="#555">${tick}×</text>`);
  }
  rows.forEach((f, i) => {
    const y = top + i * rowHeight;
    const ratio = f.ratio!;
    const [from, to] = ratio >= 1 ? [x(1), x(ratio)] : [x(ratio), x(1)];
    const colour = f.met === false ? '#d9534f' : f.met === true ? '#5cb85c' : '#5b8def';
    parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escape(`${f.section}: ${f.name}`.slice(0, 78))}</text>`);
    parts.push(`<rect x="${from}" y="${y + 3}" width="${Math.max(1, to - from)}" height="${rowHeight - 6}" fill="${colour}"/>`);
    parts.push(`<text x="${Math.max(to, x(1)) + 4}" y="${y + 14}">${ratio.toFixed(2)}×</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
