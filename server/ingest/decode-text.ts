// Turns a file's bytes into text: UTF-8 (with or without a byte-order mark), else the encoding detected (GBK/GB18030 for Chinese files).
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

/**
 * Decodes `bytes`. An explicit `encoding` wins; valid UTF-8 is UTF-8; otherwise the detector's guess is used when it
 * names an encoding iconv-lite knows, and GB18030 (a superset of GBK and GB2312, what Excel saves in China) when not.
 */
export function decodeText(bytes: Buffer, encoding?: string): DecodedText {
  if (encoding) {
    if (!iconv.encodingExists(encoding)) throw badInput(`Unknown text encoding "${encoding}". Use utf-8, gbk or gb18030.`);
    return { text: stripBom(iconv.decode(bytes, encoding)), encoding: encoding.toLowerCase() };
  }
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
