// The access rules in one place: who sees camera positions, who may write, and errors that give nothing away.
import { forbidden } from '../errors.js';
import type { Viewer } from './viewer.js';

/** Camera positions are security information: analysts, officials (of their own district, by the SQL scope) and admins. */
export function canSeeCameraPositions(viewer: Viewer): boolean {
  return viewer.role === 'analyst' || viewer.role === 'admin' || (viewer.role === 'official' && Boolean(viewer.districtCode));
}

/** Only an admin imports, deletes or changes standards. */
export function canWrite(viewer: Viewer): boolean {
  return viewer.role === 'admin';
}

/** Throws FORBIDDEN unless the viewer may see camera positions; the message says nothing about what exists. */
export function requireCameraPositions(viewer: Viewer): void {
  if (!canSeeCameraPositions(viewer)) {
    throw forbidden('Camera positions are not public. Sign in with an analyst, official or admin token (npx atlas token --role analyst) to see them.');
  }
}

/** Throws FORBIDDEN unless the viewer is an admin. */
export function requireAdmin(viewer: Viewer, action = 'change data'): void {
  if (!canWrite(viewer)) throw forbidden(`Only an admin may ${action}. Sign in with an admin token (npx atlas token --role admin).`);
}
