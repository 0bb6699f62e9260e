import { readFileSync } from 'node:fs';
import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  printSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import './helpers/database.js';
import { schema } from '../src/graphql/schema.js';
import { possibleTypes } from '../src/graphql/possible-types.js';

describe('the published schema', () => {
  it('matches the committed schema.graphql (run `npm run schema:print` after changing the API)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it('matches the committed possible-types.json, the map Apollo Client needs for fragments on interfaces', () => {
    const committed = JSON.parse(readFileSync(new URL('../possible-types.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(possibleTypes(schema));
    expect(committed.Actor).toEqual(['Organization', 'Person']);
    expect(committed.TimelineEntry).toEqual(['Claim', 'Event', 'LegalActionStatusChange', 'Quote']);
    expect(committed.Node).toEqual(expect.arrayContaining(['Person', 'Organization', 'Event', 'Quote', 'Source', 'LegalActionStatusChange']));
  });

  it('describes every type, field, argument and enum value, so GraphiQL’s docs are the manual', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      if (isUnionType(type) && type.getTypes().length === 0) undocumented.push(`${type.name} (empty union)`);
    }
    expect(undocumented).toEqual([]);
  });

  it('offers the root fields the API promises', () => {
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields).toEqual(
      expect.arrayContaining([
        'node', 'nodes', 'person', 'organization', 'actor', 'event', 'legalAction', 'conflict', 'source',
        'people', 'organizations', 'events', 'quotes', 'legalActions', 'sources', 'conflicts',
      ]),
    );
  });
});
