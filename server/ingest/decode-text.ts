// Turns a file's bytes into text: UTF-16 (Excel's "Unicode text"), UTF-8 (with or without a byte-order mark), else the encoding detected (GBK/GB18030 for Chinese files).
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { badInput } from '../errors.js';

export interface DecodedText {
  text: string;
  /** The encoding used, as iconv-lite names it. */
  encoding: string;
}

const CHINESE_DEFAULT = 'gb18030';

/** Whether the bytes are valid UTF-8 (a strict decoder throws on the first invalid sequence). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8 (decoded once, not checked then decoded again). */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-16 by its byte-order mark, or (no mark) by the zero bytes that ASCII characters leave in every other place. */
export function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = Math.min(bytes.length - (bytes.length % 2), 512);
  if (sample < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = sample / 2;
  if (oddZeros > half * 0.3 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > half * 0.3 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** The first few thousand characters of UTF-16 bytes, for recognising the format. */
export function decodeHead(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  return stripBom(iconv.decode(Buffer.from(bytes.subarray(0, 8192)), encoding)).trimStart();
}

/**
 * Decodes `bytes`. An explicit `encoding` wins; valid UTF-8 is UTF-8; otherwise the detector's guess is used when it
 * names an encoding iconv-lite knows, and GB18030 (a superset of GBK and GB2312, what Excel saves in China) when not.
 */
export function decodeText(bytes: Buffer, encoding?: string): DecodedText {
  if (encoding) {
    if (!iconv.encodingExists(encoding)) throw badInput(`Unknown text encoding "${encoding}". Use utf-8, gbk or gb18030.`);
    return { text: stripBom(iconv.decode(bytes, encoding)), encoding: encoding.toLowerCase() };
  }
  // Excel's "Unicode text" is UTF-16 (little-endian, with a mark); ASCII in UTF-16 without a mark would pass as UTF-8.
  const utf16 = utf16Encoding(bytes);
  if (utf16) return { text: stripBom(iconv.decode(bytes, utf16)), encoding: utf16 };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { text: stripBom(utf8), encoding: 'utf-8' };
  const guess = jschardet.detect(bytes.subarray(0, 256 * 1024));
  const guessed = guess.encoding?.toLowerCase();
  // Chinese files are what this hub receives: a Western single-byte guess on non-UTF-8 bytes is usually a wrong guess for GBK.
  const chosen = guessed && iconv.encodingExists(guessed) && /gb|big5|euc|shift|utf-16/.test(guessed) ? normalise(guessed) : CHINESE_DEFAULT;
  return { text: stripBom(iconv.decode(bytes, chosen)), encoding: chosen };
}

/** GB2312 and GBK files often hold characters only GB18030 names; decoding as the superset loses nothing. */
function normalise(encoding: string): string {
  return encoding === 'gb2312' || encoding === 'gbk' ? CHINESE_DEFAULT : encoding;
}

function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}
