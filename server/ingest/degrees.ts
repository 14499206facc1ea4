// Reads a longitude or latitude as a spreadsheet holds it: decimal degrees, or degrees, minutes and seconds (123°25′30″).

export type DegreesRead = { value: number } | { empty: true } | { unreadable: string };

/** What a coordinate cell may hold, for messages that refuse one. */
export const DEGREES_FORMATS = 'decimal degrees (123.425) or degrees, minutes and seconds (123°25′30″, 123度25分30秒)';

const HEMISPHERE = '([NSEW]|东经|西经|北纬|南纬)';
// Degrees must carry their sign (° 度 º ˚); minutes and seconds take the marks spreadsheets and keyboards produce.
const DMS = new RegExp(
  `^${HEMISPHERE}?\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*[°度º˚]\\s*` +
    `(?:(\\d+(?:\\.\\d+)?)\\s*(?:′|'|’|‘|分)\\s*)?` +
    `(?:(\\d+(?:\\.\\d+)?)\\s*(?:″|"|”|“|''|′′|秒)\\s*)?` +
    `${HEMISPHERE}?$`,
  'i',
);
const DECIMAL_WITH_HEMISPHERE = new RegExp(`^${HEMISPHERE}?\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*${HEMISPHERE}?$`, 'i');

function signOf(...hemispheres: (string | undefined)[]): number {
  return hemispheres.some((h) => h !== undefined && /^(S|W|西经|南纬)$/i.test(h)) ? -1 : 1;
}

export function readDegrees(raw: unknown): DegreesRead {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw } : { unreadable: String(raw) };
  if (raw === null || raw === undefined) return { empty: true };
  const text = String(raw).trim();
  if (text === '') return { empty: true };
  const plain = Number(text);
  if (Number.isFinite(plain)) return { value: plain };
  const decimal = DECIMAL_WITH_HEMISPHERE.exec(text);
  if (decimal) return { value: signOf(decimal[1], decimal[3]) * Math.abs(Number(decimal[2])) * (decimal[2].startsWith('-') ? -1 : 1) };
  const dms = DMS.exec(text);
  if (!dms) return { unreadable: text };
  const [, before, degreesText, minutesText, secondsText, after] = dms;
  const minutes = minutesText === undefined ? 0 : Number(minutesText);
  const seconds = secondsText === undefined ? 0 : Number(secondsText);
  if (minutes >= 60 || seconds >= 60) return { unreadable: text };
  const degrees = Number(degreesText);
  const magnitude = Math.abs(degrees) + minutes / 60 + seconds / 3600;
  return { value: (degrees < 0 || degreesText.startsWith('-') ? -1 : 1) * signOf(before, after) * magnitude };
}
