// Upload guards without a store: CSRF for form posts, size and feature limits, zip bombs.
import { describe, expect, it } from 'vitest';
import AdmZip from 'adm-zip';
import type express from 'express';
import { csrfGuard } from '../server/limits/csrf.js';
import { checkArchive, checkFeatureCount, checkUploadSize, UPLOAD_LIMITS } from '../server/limits/upload-limits.js';

function runGuard(method: string, headers: Record<string, string>): unknown {
  let passed: unknown = 'not called';
  csrfGuard()({ method, headers } as express.Request, {} as express.Response, (error?: unknown) => (passed = error ?? null));
  return passed;
}

describe('CSRF guard', () => {
  it('lets safe methods, JSON, zip bodies and flagged uploads through; refuses bare form posts', () => {
    expect(runGuard('GET', {})).toBeNull();
    expect(runGuard('POST', { 'content-type': 'application/json' })).toBeNull();
    expect(runGuard('POST', { 'content-type': 'application/zip' })).toBeNull();
    expect(runGuard('POST', { 'content-type': 'multipart/form-data; boundary=x', 'x-atlas-csrf': '1' })).toBeNull();
    expect(String(runGuard('POST', { 'content-type': 'multipart/form-data; boundary=x' }))).toMatch(/cross-site request forgery/);
    expect(String(runGuard('DELETE', {}))).toMatch(/x-atlas-csrf/);
  });
});

describe('upload limits', () => {
  it('refuse files and feature counts over the limits, naming them', () => {
    expect(() => checkUploadSize(UPLOAD_LIMITS.maxBytes)).not.toThrow();
    expect(() => checkUploadSize(UPLOAD_LIMITS.maxBytes + 1)).toThrow(/at most/);
    expect(() => checkFeatureCount(UPLOAD_LIMITS.maxFeatures + 1)).toThrow(/features/);
  });

  it('refuses a zip bomb from its directory before unpacking, and passes a real-looking archive', () => {
    const bomb = new AdmZip();
    bomb.addFile('layer.shp', Buffer.alloc(50 * 1024 * 1024));
    const entries = new AdmZip(bomb.toBuffer()).getEntries().map((e) => ({ name: e.entryName, compressedSize: e.header.compressedSize, size: e.header.size }));
    expect(entries[0].size / entries[0].compressedSize).toBeGreaterThan(200);
    expect(() => checkArchive(entries)).toThrow(/zip bomb/);
    const honest = new AdmZip();
    honest.addFile('layer.dbf', Buffer.from(Array.from({ length: 20_000 }, (_, i) => `${i},社区${i * 7919 % 10007}\n`).join('')));
    const honestEntries = new AdmZip(honest.toBuffer()).getEntries().map((e) => ({ name: e.entryName, compressedSize: e.header.compressedSize, size: e.header.size }));
    expect(() => checkArchive(honestEntries)).not.toThrow();
    expect(() => checkArchive([{ name: '../../etc/passwd', compressedSize: 10, size: 10 }])).toThrow(/outside the archive/);
  });
});
