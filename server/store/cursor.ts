// The opaque cursor of a page of any layer: a record's code, so a page resumes after it in code order.
export function encodeCursor(code: string): string {
  return Buffer.from(`code:${code}`, 'utf8').toString('base64url');
}

/** The code a cursor names, or undefined when it is not one of the hub's cursors. */
export function decodeCursor(cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith('code:') ? text.slice(5) : undefined;
}
