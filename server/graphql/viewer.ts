// Who is asking: the role and, for officials, the district they may read.
export type Role = 'public' | 'analyst' | 'official' | 'admin';

export interface Viewer {
  role: Role;
  /** For officials: the only district whose data they may read. */
  districtCode?: string;
}

export const ANONYMOUS: Viewer = { role: 'public' };
