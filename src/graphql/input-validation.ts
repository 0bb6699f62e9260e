import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  GraphQLError,
  type GraphQLResolveInfo,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { type CursorDecoder, idCursorDecoder, offsetCursorDecoder } from '../modules/common/cursors.js';
import { decodeGlobalID } from '../modules/common/ids.js';
import { badUserInput, ErrorCode } from './errors.js';

/**
 * Checks every field's arguments before the field — or the parent field that plans its SQL through
 * Pothos's selection mapper — uses them, and answers client mistakes with BAD_USER_INPUT:
 *
 * - a NUL character in any string (PostgreSQL text cannot hold one; the driver would fail);
 * - global IDs: well-formed (src/modules/common/ids.ts) and of a type the argument accepts
 *   (`t.arg.globalID({ for })`) or, for `node`/`nodes`, of a type that implements Node;
 * - connections: `first`/`last` not negative, one direction only (`first`/`after` or
 *   `last`/`before`), cursors of this list's kind (src/modules/common/cursors.ts).
 *
 * It works as a Pothos argument mapper, the hook the Relay plugin itself uses to decode global IDs:
 * mappers run both at resolve time and when a parent plans a nested selection, so nothing invalid
 * reaches Prisma. This mapper runs first, so Pothos's own parsers only ever see valid input and
 * their (uncoded) errors are left for real bugs.
 */
// Pothos registers plugins through declaration merging on its global namespace.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputValidation: InputValidationPlugin<Types>;
    }
  }
}

type Args = Record<string, unknown>;
type Check = (args: Args, schema: GraphQLSchema) => void;

export class InputValidationPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    // The built field (with the Relay plugin's argument extensions and the connection's node type)
    // exists only once the schema is built: look it up on first use, per schema.
    const checks = new WeakMap<GraphQLSchema, Check>();
    const coordinate = `${fieldConfig.parentType}.${fieldConfig.name}`;
    const validate = (args: Args, _context: Types['Context'], info: { schema: GraphQLSchema } & Partial<Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>>) => {
      let check = checks.get(info.schema);
      if (!check) {
        check = checksFor(fieldOf(info.schema, fieldConfig.parentType, fieldConfig.name));
        checks.set(info.schema, check);
      }
      try {
        check(args, info.schema);
      } catch (error) {
        throw located(error, coordinate, info);
      }
      return args;
    };
    return { ...fieldConfig, argMappers: [validate, ...fieldConfig.argMappers] };
  }
}

const pluginName = 'inputValidation';
SchemaBuilder.registerPlugin(pluginName, InputValidationPlugin);
export default pluginName;

/**
 * The error of a refused argument, naming its field (`extensions.field`, e.g. `Conflict.timeline`).
 * When a parent field refused it while planning what is selected beneath it, the error's path and
 * location are the parent's (that is where the execution stopped), so the message names the field
 * whose argument it was too.
 */
function located(error: unknown, coordinate: string, info: Partial<Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>>): unknown {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== ErrorCode.BAD_USER_INPUT) return error;
  const planning = `${info.parentType?.name}.${info.fieldName}` !== coordinate;
  return badUserInput(planning ? `${error.message} (an argument of ${coordinate})` : error.message, { ...error.extensions, field: coordinate });
}

function fieldOf(schema: GraphQLSchema, typeName: string, fieldName: string): GraphQLField<unknown, unknown> {
  const type = schema.getType(typeName);
  const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
  if (!field) throw new Error(`input validation: ${typeName}.${fieldName} is not in the schema`);
  return field;
}

function checksFor(field: GraphQLField<unknown, unknown>): Check {
  const globalIdArgs = field.args.filter((arg) => arg.extensions?.isRelayGlobalID);
  const argNames = new Set(field.args.map((arg) => arg.name));
  const isConnection = ['first', 'last', 'after', 'before'].every((name) => argNames.has(name));
  const decodeCursor = isConnection ? cursorDecoderOf(field) : undefined;

  return (args, schema) => {
    for (const [name, value] of Object.entries(args)) rejectNul(name, value);
    for (const arg of globalIdArgs) checkGlobalIds(arg, args[arg.name], schema);
    if (decodeCursor) checkConnectionArgs(args, decodeCursor);
  };
}

function rejectNul(argumentName: string, value: unknown): void {
  if (typeof value === 'string') {
    if (value.includes('\0')) throw badUserInput(`Argument "${argumentName}" contains a NUL character (\\u0000), which text cannot hold.`, { argumentName });
  } else if (Array.isArray(value)) {
    for (const item of value) rejectNul(argumentName, item);
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) rejectNul(argumentName, item);
  }
}

function checkGlobalIds(arg: GraphQLArgument, value: unknown, schema: GraphQLSchema): void {
  if (value == null) return;
  const accepted = (arg.extensions?.relayGlobalIDFor as { typename: string }[] | null | undefined)?.map((t) => t.typename);
  for (const globalID of Array.isArray(value) ? value : [value]) {
    const { typename } = decodeGlobalID(String(globalID));
    const ok = accepted ? accepted.includes(typename) : isNodeObjectType(schema.getType(typename));
    if (!ok) {
      const expected = accepted ? accepted.join(' or ') : 'a type implementing Node';
      throw badUserInput(`"${String(globalID)}" is an ID of type ${typename}, expected ${expected}.`, { argumentName: arg.name });
    }
  }
}

function isNodeObjectType(type: GraphQLNamedType | undefined | null): boolean {
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

function checkConnectionArgs(args: Args, decodeCursor: CursorDecoder): void {
  const { first, last, after, before } = args as { first?: number | null; last?: number | null; after?: string | null; before?: string | null };
  for (const [name, size] of [['first', first], ['last', last]] as const) {
    if (size != null && size < 0) throw badUserInput(`Argument "${name}" must not be negative.`, { argumentName: name });
  }
  // Relay's pagination is one direction at a time: forward with first/after, backward with
  // last/before. Mixed arguments used to be silently ignored (first: 3, last: 1 gave 3 items).
  const forward = first != null || after != null;
  const backward = last != null || before != null;
  if (forward && backward) {
    throw badUserInput('Page forward with `first`/`after` or backward with `last`/`before`, not both.', {
      argumentName: first != null && last != null ? 'last' : after != null ? 'after' : 'before',
    });
  }
  for (const [name, cursor] of [['after', after], ['before', before]] as const) {
    if (cursor == null) continue;
    try {
      decodeCursor(cursor);
    } catch (error) {
      // The decoders throw BAD_USER_INPUT; add which argument it was.
      throw badUserInput((error as Error).message, { argumentName: name });
    }
  }
}

/**
 * A connection's cursor kind: declared on the field (`extensions.cursorDecoder`), else by what the
 * Pothos helpers issue — Prisma connections (nodes of a Prisma model) `id`, everything else `offset`.
 */
function cursorDecoderOf(field: GraphQLField<unknown, unknown>): CursorDecoder {
  const declared = field.extensions?.cursorDecoder;
  if (typeof declared === 'function') return declared as CursorDecoder;
  return nodeTypeIsPrismaModel(field.type) ? idCursorDecoder : offsetCursorDecoder;
}

function nodeTypeIsPrismaModel(connectionType: GraphQLType): boolean {
  const connection = getNamedType(connectionType);
  const edges = isObjectType(connection) ? connection.getFields().edges : undefined;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  const nodeType = node && getNamedType(node.type);
  return Boolean(nodeType?.extensions?.pothosPrismaModel);
}
