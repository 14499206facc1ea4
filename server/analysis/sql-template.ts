// Fills {{name}} slots of a .sql text with identifiers taken from the code's fixed lists, never with values.
export function fillIdentifiers(sql: string, identifiers: Record<string, string>): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    const identifier = identifiers[slot];
    if (identifier === undefined) throw new Error(`SQL slot {{${slot}}} has no identifier.`);
    if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`"${identifier}" is not a plain SQL identifier.`);
    return identifier;
  });
}
