// Text decoding against bytes written down from the encodings' own tables (Python's codecs produced them), not from
// iconv-lite, the decoder under test: GBK, GB18030's four-byte characters, UTF-16 with either mark, UTF-8 with a mark.
import { describe, expect, it } from 'vitest';
import { decodeText, isUtf8, utf16Encoding } from './decode-text.js';

const hex = (text: string) => Buffer.from(text, 'hex');
// "编号,名称\n社区,和平区\n" in GBK.
const GBK_TABLE = hex('b1e0bac52cc3fbb3c60ac9e7c7f82cbacdc6bdc7f80a');
// "站,𠀀": 𠀀 (U+20000) has no GBK code; GB18030 gives it four bytes, 95 32 82 36.
const GB18030_FOUR_BYTES = hex('d5be2c95328236');

describe('decodeText', () => {
  it('reads GBK as GB18030 (its superset), and says so', () => {
    expect(decodeText(GBK_TABLE)).toEqual({ text: '编号,名称\n社区,和平区\n', encoding: 'gb18030' });
  });

  it('reads the four-byte characters of GB18030', () => {
    expect(decodeText(GB18030_FOUR_BYTES, 'gb18030').text).toBe('站,𠀀');
  });

  it('reads UTF-16 little- and big-endian by their mark, and drops the mark', () => {
    const le = Buffer.concat([hex('fffe'), Buffer.from('code,名称\r\n', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: 'code,名称\r\n', encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(be.subarray(0, 2)).toEqual(hex('feff'));
    expect(decodeText(be)).toEqual({ text: 'code,名称\r\n', encoding: 'utf-16be' });
    expect(utf16Encoding(le)).toBe('utf-16le');
    expect(utf16Encoding(be)).toBe('utf-16be');
  });

  it('reads UTF-8 with or without a mark as the same text', () => {
    const plain = Buffer.from('编号,名称\n', 'utf8');
    expect(decodeText(Buffer.concat([hex('efbbbf'), plain]))).toEqual({ text: '编号,名称\n', encoding: 'utf-8' });
    expect(decodeText(plain)).toEqual({ text: '编号,名称\n', encoding: 'utf-8' });
  });

  it('tells valid UTF-8 from GBK bytes', () => {
    expect(isUtf8(Buffer.from('社区', 'utf8'))).toBe(true);
    expect(isUtf8(GBK_TABLE)).toBe(false);
    expect(isUtf8(hex('c328'))).toBe(false); // a lead byte without its continuation
  });

  it('honours an encoding given by the caller, and names an unknown one with what to use instead', () => {
    expect(decodeText(GBK_TABLE, 'gbk').text).toBe('编号,名称\n社区,和平区\n');
    expect(() => decodeText(GBK_TABLE, 'klingon')).toThrow(/Unknown text encoding "klingon". Use utf-8, gbk or gb18030/);
  });
});
