// Which statements may go to a replica, WAL positions, and reading DATABASE_REPLICA_URL.
import { describe, expect, it } from 'vitest';
import { isReadOnlySql, lsnValue, parseReplicaUrls } from './replicas.js';

describe('isReadOnlySql', () => {
  it('sends plain reads and WITH … SELECT to replicas', () => {
    expect(isReadOnlySql('SELECT code, name FROM communities WHERE district_code = $1')).toBe(true);
    expect(isReadOnlySql('  with x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(isReadOnlySql('SELECT updated_at, created_at FROM cameras')).toBe(true);
  });

  it('keeps writes, locks and data-modifying CTEs on the primary', () => {
    expect(isReadOnlySql('INSERT INTO districts (code) VALUES ($1)')).toBe(false);
    expect(isReadOnlySql('WITH hits AS (SELECT 1), stored AS (INSERT INTO coverage_cache SELECT 1) SELECT * FROM hits')).toBe(false);
    expect(isReadOnlySql('SELECT * FROM import_runs FOR UPDATE')).toBe(false);
    expect(isReadOnlySql("SELECT nextval('import_runs_id_seq')")).toBe(false);
    expect(isReadOnlySql('SELECT pg_advisory_xact_lock(1)')).toBe(false);
    expect(isReadOnlySql('BEGIN')).toBe(false);
  });

  it('is not fooled by words inside strings or comments', () => {
    expect(isReadOnlySql("SELECT 'please update me' AS note -- delete later")).toBe(true);
  });
});

describe('lsnValue', () => {
  it('orders WAL positions across the high word', () => {
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
    expect(lsnValue('16/B374D848') - lsnValue('16/B374D840')).toBe(8n);
    expect(lsnValue(null)).toBe(-1n);
  });
});

describe('parseReplicaUrls', () => {
  it('reads a list separated by commas or spaces, and nothing from an empty setting', () => {
    expect(parseReplicaUrls('postgres://a:5433/db, postgresql://b:5434/db')).toEqual(['postgres://a:5433/db', 'postgresql://b:5434/db']);
    expect(parseReplicaUrls('')).toEqual([]);
    expect(parseReplicaUrls(undefined)).toEqual([]);
  });

  it('names a setting that is not a list of URLs, without its password', () => {
    expect(() => parseReplicaUrls('replica-host:5433')).toThrow(/DATABASE_REPLICA_URL must list postgres:\/\/ URLs/);
    expect(() => parseReplicaUrls('http://u:secret@h/db')).toThrow(/u:\*\*\*@h/);
  });
});
