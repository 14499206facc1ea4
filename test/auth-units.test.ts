// The pieces of sign-in without a store: the key file, tokens, the camera rule and the row scope (@Authorized: auth.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadJwtSecret } from '../server/auth/secret.js';
import { signToken, verifyToken } from '../server/auth/token.js';
import { canSeeCameraPositions, canWrite } from '../server/auth/policy.js';
import { scopeSql } from '../server/auth/scope.js';
import { LAYERS } from '../server/layers.js';
import { ANONYMOUS, type Viewer } from '../server/auth/viewer.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-auth-'));

describe('the signing key', () => {
  it('is generated once into the data folder, readable by the owner only, and reused', () => {
    const dir = tempDir();
    const first = loadJwtSecret(dir, {});
    expect(first.origin).toBe('generated');
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(loadJwtSecret(dir, {})).toEqual({ secret: first.secret, origin: 'file' });
  });

  it('comes from ATLAS_JWT_SECRET when set, and refuses a short one', () => {
    const secret = 'x'.repeat(40);
    expect(loadJwtSecret(tempDir(), { ATLAS_JWT_SECRET: secret })).toEqual({ secret, origin: 'env' });
    expect(() => loadJwtSecret(tempDir(), { ATLAS_JWT_SECRET: 'short' })).toThrow(/at least 32/);
  });
});

describe('tokens', () => {
  const secret = 's'.repeat(40);
  it('round-trip each role; officials keep their district', () => {
    expect(verifyToken(signToken({ role: 'analyst' }, secret), secret)).toEqual({ role: 'analyst' });
    expect(verifyToken(signToken({ role: 'admin', days: 1 }, secret), secret)).toEqual({ role: 'admin' });
    expect(verifyToken(signToken({ role: 'official', districtCode: '210102' }, secret), secret)).toEqual({ role: 'official', districtCode: '210102' });
  });
  it('refuse impossible requests and tampered tokens', () => {
    expect(() => signToken({ role: 'official' }, secret)).toThrow(/--district/);
    expect(() => signToken({ role: 'analyst', districtCode: '210102' }, secret)).toThrow(/Only official/);
    expect(() => signToken({ role: 'boss' as never }, secret)).toThrow(/no role "boss"/);
    const [header, , signature] = signToken({ role: 'public' }, secret).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ role: 'admin', iss: 'shequ-atlas' })).toString('base64url');
    expect(() => verifyToken(`${header}.${forgedPayload}.${signature}`, secret)).toThrow(/not valid/);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${forgedPayload}.`;
    expect(() => verifyToken(unsigned, secret)).toThrow(/not valid/);
  });
  it('are printed by `atlas token`', () => {
    const dir = tempDir();
    // An official's --district is checked against a store: test/hub-address.test.ts covers it.
    const run = spawnSync(process.execPath, ['bin/atlas.mjs', 'token', '--role', 'analyst', '--days', '2'], {
      env: { ...process.env, ATLAS_DATA_DIR: dir, ATLAS_JWT_SECRET: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const token = run.stdout.trim();
    expect(verifyToken(token, loadJwtSecret(dir, {}).secret)).toEqual({ role: 'analyst' });
    const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp;
    expect(exp - Date.now() / 1000).toBeGreaterThan(2 * 86_400 - 120);
    expect(exp - Date.now() / 1000).toBeLessThanOrEqual(2 * 86_400);
  }, 60_000);
});

describe('the rules', () => {
  // Viewers as the hub gets them: from signed tokens (the public sends none, and is ANONYMOUS).
  const secret = 'r'.repeat(40);
  const viewers: Record<string, Viewer> = {
    public: ANONYMOUS,
    analyst: verifyToken(signToken({ role: 'analyst' }, secret), secret),
    official: verifyToken(signToken({ role: 'official', districtCode: '210102' }, secret), secret),
    admin: verifyToken(signToken({ role: 'admin' }, secret), secret),
  };
  it('camera positions: not for the public', () => {
    expect(Object.fromEntries(Object.entries(viewers).map(([k, v]) => [k, canSeeCameraPositions(v)]))).toEqual({ public: false, analyst: true, official: true, admin: true });
    expect(Object.fromEntries(Object.entries(viewers).map(([k, v]) => [k, canWrite(v)]))).toEqual({ public: false, analyst: false, official: false, admin: true });
  });
  it('scopes rows in SQL: no cameras for the public, one district\'s areas and cameras for an official, every public fact', () => {
    expect(scopeSql(LAYERS.cameras, viewers.public, 1)).toEqual({ conditions: ['false'], values: [] });
    expect(scopeSql(LAYERS.cameras, viewers.analyst, 1)).toEqual({ conditions: [], values: [] });
    expect(scopeSql(LAYERS.communities, viewers.official, 3, 'c')).toEqual({ conditions: ['c.district_code = $3'], values: ['210102'] });
    expect(scopeSql(LAYERS.cameras, viewers.official, 1)).toEqual({ conditions: ['t.district_code = $1'], values: ['210102'] });
    // Districts, bus stops and roads are public facts (README "Who sees what").
    for (const layer of [LAYERS.districts, LAYERS['bus-stops'], LAYERS.roads]) expect(scopeSql(layer, viewers.official, 1), layer.name).toEqual({ conditions: [], values: [] });
    expect(scopeSql(LAYERS.communities, { role: 'official' }, 1)).toEqual({ conditions: ['false'], values: [] });
  });
});
