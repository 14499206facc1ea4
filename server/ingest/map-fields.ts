// Maps a file's columns onto a layer's attributes (explicit --map first, then names and aliases) and checks their types.
import { RENOVATION_CHECKLIST, type Attribute, type Layer } from '../layers.js';
import { badInput } from '../errors.js';
import type { RowProblem } from './rows.js';

export type FieldMap = Record<string, string>;
export type AttributeValues = Record<string, string | number | boolean | Record<string, boolean> | null>;

/** For each attribute of the layer, the source column that feeds it (undefined when the file has none). */
export function resolveColumns(layer: Layer, sourceColumns: string[], explicit: FieldMap = {}): Map<Attribute, string> {
  const byLowerName = new Map(sourceColumns.map((c) => [c.trim().toLowerCase(), c]));
  const resolved = new Map<Attribute, string>();
  for (const attribute of layer.attributes) {
    const wanted = explicit[attribute.name];
    if (wanted !== undefined) {
      const column = byLowerName.get(wanted.trim().toLowerCase());
      if (!column) throw badInput(`--map ${attribute.name}=${wanted}: the file has no column "${wanted}". Its columns are: ${sourceColumns.join(', ')}.`);
      resolved.set(attribute, column);
      continue;
    }
    for (const candidate of [attribute.name, ...(attribute.aliases ?? [])]) {
      const column = byLowerName.get(candidate.toLowerCase());
      if (column) {
        resolved.set(attribute, column);
        break;
      }
    }
  }
  for (const name of Object.keys(explicit)) {
    if (!layer.attributes.some((a) => a.name === name)) {
      throw badInput(`--map ${name}=…: the layer ${layer.name} has no attribute "${name}". Its attributes are: ${layer.attributes.map((a) => a.name).join(', ')}.`);
    }
  }
  return resolved;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', '是', '已完成', '完成', 'done']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', '否', '未完成', '']);

function convert(attribute: Attribute, raw: unknown): { value?: AttributeValues[string]; problem?: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (!attribute.required) return { value: null };
    return { problem: attribute.name === 'code' ? 'is required but empty (fill it in, or import with --generate-codes to number such rows)' : 'is required but empty' };
  }
  switch (attribute.type) {
    case 'text': {
      const text = String(raw).trim();
      if (attribute.allowed && !attribute.allowed.includes(text)) {
        return { problem: `"${text}" is not one of ${attribute.allowed.join(', ')}` };
      }
      return { value: text };
    }
    case 'integer':
    case 'number': {
      const number = typeof raw === 'number' ? raw : Number(String(raw).replace(/,/g, '').trim());
      if (!Number.isFinite(number)) return { problem: `"${raw}" is not a number` };
      if (attribute.type === 'integer' && !Number.isInteger(number)) return { problem: `${raw} is not a whole number` };
      return { value: number };
    }
    case 'date': {
      const text = String(raw).trim();
      if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text))) return { problem: `"${text}" is not a date (write YYYY-MM-DD)` };
      return { value: text.slice(0, 10) };
    }
    case 'json': {
      if (typeof raw === 'object') return { value: raw as Record<string, boolean> };
      try {
        return { value: JSON.parse(String(raw)) };
      } catch {
        return { problem: 'is not valid JSON' };
      }
    }
  }
}

/** One checklist answer as a boolean: true, 1, yes, 是, 已完成… are done; false, 0, no, 否, 未完成 and empty are not. */
function itemDone(raw: unknown): boolean {
  const word = String(raw).trim().toLowerCase();
  return raw === true || TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) || raw === false || raw === null ? false : Boolean(raw);
}

/**
 * A checklist given as one JSON object, stored as the store keeps every checklist: the 11 items by English key, each
 * true or false (so every count of done items, in tiles, GraphQL and the standards, reads `true` and nothing else).
 * Items may be named by key or by the standard's Chinese words; a name that is neither is a problem of the row.
 */
function normalizeChecklist(given: unknown): { value?: Record<string, boolean>; problem?: string } {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return { problem: 'must be an object of the 11 items, e.g. {"roads_level": true}' };
  const checklist: Record<string, boolean> = {};
  for (const [name, raw] of Object.entries(given as Record<string, unknown>)) {
    const item = RENOVATION_CHECKLIST.find((i) => i.key === name || i.zh === name);
    if (!item) return { problem: `names "${name}", which is not one of the 11 items (${RENOVATION_CHECKLIST.map((i) => i.key).join(', ')}; or their Chinese words)` };
    checklist[item.key] = itemDone(raw);
  }
  return { value: checklist };
}

/** The renovation checklist from one column per item (English key or the standard's Chinese words). */
function checklistFrom(properties: Record<string, unknown>): Record<string, boolean> | undefined {
  const checklist: Record<string, boolean> = {};
  let found = false;
  for (const item of RENOVATION_CHECKLIST) {
    const raw = properties[item.key] ?? properties[item.zh];
    if (raw === undefined) continue;
    found = true;
    checklist[item.key] = itemDone(raw);
  }
  return found ? checklist : undefined;
}

export function mapRow(
  layer: Layer,
  columns: Map<Attribute, string>,
  properties: Record<string, unknown>,
  row: number,
): { values: AttributeValues; problems: RowProblem[] } {
  const values: AttributeValues = {};
  const problems: RowProblem[] = [];
  for (const attribute of layer.attributes) {
    const column = columns.get(attribute);
    let raw = column === undefined ? undefined : properties[column];
    if (attribute.name === 'checklist' && raw === undefined) raw = checklistFrom(properties);
    let { value, problem } = convert(attribute, raw);
    if (attribute.name === 'checklist' && !problem && value != null) ({ value, problem } = normalizeChecklist(value));
    if (problem) problems.push({ row, field: column ?? attribute.name, message: `${attribute.name} ${problem}` });
    else values[attribute.name] = value ?? null;
  }
  return { values, problems };
}
