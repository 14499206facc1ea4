// Who is asking: the role and, for officials, the district they may read (PRODUCT.md "Security in one paragraph").
export const ROLES = ['public', 'analyst', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  role: Role;
  /** For officials: the only district whose data they may read. */
  districtCode?: string;
}

/** The hub itself reading its whole store (the importer's checks, TileJSON's bounds, the seed, a local CLI export). */
export const WHOLE_STORE: Viewer = Object.freeze({ role: 'admin' }) as Viewer;

/** Anyone without a token: coverage shares and gap areas, no camera positions, no writes. */
export const ANONYMOUS: Viewer = Object.freeze({ role: 'public' }) as Viewer;

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
