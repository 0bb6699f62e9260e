// Imports every module so that its types and root fields register on the builder, then builds the
// schema. Order does not matter: Pothos resolves references when `toSchema` runs.
import '../modules/common/partial-date.js';
import '../modules/actors/types.js';
import '../modules/actors/queries.js';
import '../modules/events/types.js';
import '../modules/events/queries.js';
import '../modules/quotes/types.js';
import '../modules/quotes/queries.js';
import '../modules/legal-actions/types.js';
import '../modules/legal-actions/queries.js';
import '../modules/sources/types.js';
import '../modules/sources/queries.js';
import '../modules/conflicts/types.js';
import '../modules/conflicts/queries.js';
import '../modules/conflicts/lists.js';
import '../modules/claims/types.js';
import '../modules/claims/queries.js';
import '../modules/chronology/types.js';
import { type GraphQLSchema, isObjectType, lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import { plainEdgeNodes, sharePathsInCompiledExecution } from './compiled-execution.js';
import { answerLoadedColumnsDirectly } from './loaded-columns.js';

builder.queryType({ description: 'Read access to the knowledge graph. Every fact links to the sources it rests on.' });

export const schema = answerLoadedColumnsDirectly(sharePathsInCompiledExecution(plainEdgeNodes(lexicographicSortSchema(describeConnectionTypes(builder.toSchema())))));

/**
 * The Relay plugin names connection and edge types after their field (`QueryEventsConnection`) and
 * leaves them undescribed. Every type in GraphiQL's docs should say what it is, so they are
 * described here once, from their names, instead of at each of the many connection fields.
 */
function describeConnectionTypes(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const edge = /^(.*)ConnectionEdge$/.exec(type.name);
    const connection = /^(.*)Connection$/.exec(type.name);
    if (edge && !type.description) type.description = `One item of a ${edge[1]}Connection page, with its cursor.`;
    else if (connection && !type.description) type.description = `A page of a cursor-paginated list (field \`${lowerFirst(connection[1] ?? '')}\`), with the total count.`;
    const totalCount = connection ? type.getFields().totalCount : undefined;
    if (totalCount && !totalCount.description) totalCount.description = 'Number of items in the whole list, across all pages.';
  }
  return built;
}

function lowerFirst(typeAndField: string): string {
  // "QueryEvents" -> "Query.events", "ActorQuotesAbout" -> "Actor.quotesAbout"
  const match = /^([A-Z][a-z]+)(.*)$/.exec(typeAndField);
  return match?.[2] ? `${match[1]}.${match[2].charAt(0).toLowerCase()}${match[2].slice(1)}` : typeAndField;
}
