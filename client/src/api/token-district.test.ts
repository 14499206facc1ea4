// tokenDistrict: the district of an official's token, for the dashboard's wording.
import { describe, expect, it } from 'vitest';
import { tokenDistrict } from './token-district';

const tokenWith = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;

describe('tokenDistrict', () => {
  it('reads the district of an official token', () => {
    expect(tokenDistrict(tokenWith({ role: 'official', district: '210102' }))).toBe('210102');
  });
  it('is null for other roles, no token and text that is not a token', () => {
    expect(tokenDistrict(tokenWith({ role: 'analyst' }))).toBeNull();
    expect(tokenDistrict(null)).toBeNull();
    expect(tokenDistrict('not-a-token')).toBeNull();
  });
});
