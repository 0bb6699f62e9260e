import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { config } from '../config.js';
import { prisma } from '../db.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { Context } from './context.js';
import InputValidationPlugin from './input-validation.js';
import { DateScalar } from './scalars.js';
import { decodeGlobalID, encodeGlobalID } from '../modules/common/ids.js';
import { ownUniqueReads } from '../modules/common/nested-rows.js';
import { DEFAULT_PAGE_SIZE, fieldComplexity, MAX_PAGE_SIZE } from './limits.js';

/**
 * The schema builder: plugins and their options only. Types live in `src/modules/<domain>/`.
 *
 * Plugin order: Prisma first so that Relay's node/connection helpers see Prisma's planned
 * selections (prismaNode, relatedConnection are contributed by the Prisma plugin on top of Relay).
 * InputValidation checks arguments (NUL characters, global IDs, cursors) before any other argument
 * mapper or resolver sees them (src/graphql/input-validation.ts). Complexity only annotates fields
 * with their cost (connection and list sizes, see limits.ts); the limit is enforced by
 * `useOperationLimits` in yoga.ts before execution, not inside the root resolvers as the plugin's
 * own `limit` would, so a refused operation gets one coded error and HTTP 400, and runs no resolver.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
  };
}>({
  plugins: [PrismaPlugin, RelayPlugin, InputValidationPlugin, ComplexityPlugin],
  complexity: { fieldComplexity },
  defaultFieldNullability: false,
  prisma: {
    // The plugin's own reads (node refetches, a relation no plan loaded) by id go through the app's
    // statements where they can (src/modules/common/nested-rows.ts, `ownUniqueReads`).
    client: ownUniqueReads(prisma),
    dmmf: getDatamodel(),
    // Descriptions are written next to the GraphQL fields, where API users read them.
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    // A resolver that forgets to spread `query` silently costs one SQL statement per row: fail loudly
    // everywhere except production.
    onUnusedQuery: config.NODE_ENV === 'production' ? null : 'error',
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
  relay: {
    // Global IDs are decoded and checked in one place (BAD_USER_INPUT for anything malformed).
    encodeGlobalID: (typename, id) => encodeGlobalID(typename, id),
    decodeGlobalID: (globalID) => decodeGlobalID(globalID),
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a stable global ID that `node` and `nodes` can refetch.' },
    idFieldOptions: { description: 'Global ID (opaque; pass it to `node` or `nodes`).' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when nothing has that ID.',
      args: { id: { description: 'A global ID returned by an `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by their global IDs, in the same order; null entries for unknown IDs.',
      args: { ids: { description: 'Global IDs returned by `id` fields.' } },
    },
    pageInfoTypeOptions: { description: 'Where a page sits in its list, for cursor pagination.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page; pass it as `after` for the next page.' },
    firstArgOptions: { description: 'Return at most this many items from the start (default 20, at most 100).' },
    lastArgOptions: { description: 'Return at most this many items from the end (at most 100).' },
    afterArgOptions: { description: 'Return items after this cursor (an `endCursor` or edge `cursor`).' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Pagination details of this page.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque position of this item, for `after` / `before`.' },
  },
});

builder.addScalarType('Date', DateScalar);
