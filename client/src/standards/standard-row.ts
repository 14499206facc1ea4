// One line of a community's report card: a standard, the community's figure, the target, pass or fail, the shortfall.

export interface StandardRow {
  id: string;
  label: string;
  /** The standard in the documents' words, for a tooltip. */
  title?: string;
  value: string;
  /** What fails and by how much, as a sentence (null when it passes or cannot be judged). */
  verdict?: string | null;
  target: string;
  /** null: cannot be judged (no data). */
  pass: boolean | null;
  shortfall: string | null;
  /** The figure as a number (a share 0..1 for coverage), for tests and sorting. */
  raw?: number;
}
