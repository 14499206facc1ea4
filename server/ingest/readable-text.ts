// Makes a message safe to record and to read: no NULs or other control bytes (PostgreSQL refuses NUL in text and
// jsonb), no lone surrogates, and a bounded length (a binary file read as text gave a 45,666-character message).
const NOT_TEXT = /(?:[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])+/g;
export const READABLE_MAX_CHARS = 2000;

export function readableText(text: string, maxChars = READABLE_MAX_CHARS): string {
  const cleaned = text.replace(NOT_TEXT, '�');
  return cleaned.length <= maxChars ? cleaned : `${cleaned.slice(0, maxChars)}… (${cleaned.length - maxChars} more characters)`;
}
