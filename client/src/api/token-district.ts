// The district an official's token is for, read from its claims (for wording only: the hub enforces the scope).
export function tokenDistrict(token: string | null): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: string; district?: string };
    return claims.role === 'official' && typeof claims.district === 'string' ? claims.district : null;
  } catch {
    return null;
  }
}
