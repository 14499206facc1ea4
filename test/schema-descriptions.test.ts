// Every field, argument and enum value of the API says what it is: the schema the resolvers build, and the committed
// schema.graphql (which `npm run schema` writes from the same decorators) being that schema.
import fs from 'node:fs';
import 'reflect-metadata';
import { buildSchema as parseSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { atlasSchema, SCHEMA_FILE } from '../server/graphql/schema.js';

/** Every field, argument and enum value without a description, as `Type.field(arg)` and `Enum.VALUE`. */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
  }
  return missing.sort();
}

describe('the schema describes itself', () => {
  const committed = parseSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));

  it('the check finds what is missing (a schema written here without descriptions)', () => {
    const bare = parseSchema('type Query { a(x: Int): K }  enum K { ONE } input I { f: Int }  type T { g: String }');
    expect(undescribed(bare)).toEqual(['I.f', 'K.ONE', 'Query.a', 'Query.a(x)', 'T.g']);
    expect(undescribed(parseSchema('type Query { """A.""" a("""X.""" x: Int): K } enum K { """One.""" ONE }'))).toEqual([]);
  });

  it('every field, argument and enum value of schema.graphql has a description', () => {
    expect(undescribed(committed)).toEqual([]);
  });

  it('schema.graphql is what the resolvers build (run npm run schema after changing a decorator)', async () => {
    const built = await atlasSchema();
    expect(undescribed(built)).toEqual([]);
    expect(printSchema(lexicographicSortSchema(built))).toBe(printSchema(lexicographicSortSchema(committed)));
  });
});
