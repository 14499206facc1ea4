// Reads the role and district out of a token's payload for display only; the server is what checks the token.

export interface TokenClaims {
  role: string;
  district?: string;
}

export function readTokenClaims(token: string | null): TokenClaims | null {
  if (!token) return null;
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const role = typeof json.role === 'string' ? json.role : 'unknown';
    const district = typeof json.district === 'string' ? json.district : typeof json.districtCode === 'string' ? json.districtCode : undefined;
    return { role, district };
  } catch {
    return null;
  }
}
