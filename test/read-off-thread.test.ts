// The reader's thread gives what reading inline gives, file after file on one thread, and a refused file does not stop
// it. A real worker thread (minBytes 0 sends even a small file there).
import { describe, expect, it } from 'vitest';
import { readOffThread, readWithinLimit, sha256Of } from '../server/ingest/read-off-thread.js';

const csv = (n: number, tag: string) =>
  Buffer.from(['code,name,lon,lat', ...Array.from({ length: n }, (_, i) => `${tag}${i},站${i},${(123.4 + i * 1e-4).toFixed(6)},41.8`)].join('\n'));

async function onThread(bytes: Buffer, maxFeatures = 1000) {
  let sha256 = '';
  const read = await readOffThread(Buffer.from(bytes), { fileName: 'stops.csv', format: 'csv', maxFeatures }, (s) => { sha256 = s; }, 0);
  return { read, sha256 };
}

describe('reading a file on the reader thread', () => {
  it('gives the inline read and hash, for files one after another and side by side', async () => {
    for (const [n, tag] of [[3, 'A'], [250, 'B']] as const) {
      const bytes = csv(n, tag);
      const { read, sha256 } = await onThread(bytes);
      expect(sha256).toBe(sha256Of(bytes));
      expect(read).toEqual(await readWithinLimit(Buffer.from(bytes), { fileName: 'stops.csv', format: 'csv', maxFeatures: 1000 }));
      expect(read.rows).toHaveLength(n);
    }
    const [c, d] = await Promise.all([onThread(csv(40, 'C')), onThread(csv(60, 'D'))]);
    expect(c.read.rows).toHaveLength(40);
    expect(d.read.rows).toHaveLength(60);
    expect(JSON.stringify(c.read.rows)).toContain('"C39"');
    expect(JSON.stringify(d.read.rows)).toContain('"D59"');
    expect(JSON.stringify(d.read.rows)).not.toContain('"C');
  });

  it('refuses a file over the feature limit with a sentence, and reads the next file', async () => {
    await expect(onThread(csv(20, 'E'), 10)).rejects.toThrow(/stops\.csv[\s\S]*10/);
    const { read } = await onThread(csv(5, 'F'));
    expect(read.rows).toHaveLength(5);
  });
});
