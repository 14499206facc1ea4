// A small legend mark: a filled square, a line, a dot, a hatched square or a colour ramp.
import { PALETTE } from '../map/layers/palette';

export type SwatchKind = 'fill' | 'line' | 'dashed' | 'dot' | 'hatch' | 'ramp';

export function Swatch({ kind, colour = '#999999', outline }: { kind: SwatchKind; colour?: string; outline?: string }) {
  if (kind === 'ramp') {
    const stops = PALETTE.shareRamp.map(([at, c]) => `${c} ${at * 100}%`).join(', ');
    return <span className="swatch swatch-ramp" style={{ background: `linear-gradient(to right, ${stops})` }} aria-hidden="true" />;
  }
  if (kind === 'hatch') {
    return (
      <span
        className="swatch"
        style={{ background: `repeating-linear-gradient(-45deg, ${PALETTE.gap} 0 2px, transparent 2px 6px)`, border: `1px solid ${PALETTE.gap}` }}
        aria-hidden="true"
      />
    );
  }
  if (kind === 'line' || kind === 'dashed') {
    return <span className="swatch swatch-line" style={{ borderTop: `3px ${kind === 'dashed' ? 'dashed' : 'solid'} ${colour}` }} aria-hidden="true" />;
  }
  if (kind === 'dot') {
    return <span className="swatch swatch-dot" style={{ background: colour, boxShadow: `0 0 0 1.5px ${outline ?? '#ffffff'}` }} aria-hidden="true" />;
  }
  return <span className="swatch" style={{ background: colour, border: `1px solid ${outline ?? 'rgba(0,0,0,0.25)'}` }} aria-hidden="true" />;
}
