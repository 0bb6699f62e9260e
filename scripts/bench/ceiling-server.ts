/**
 * The ceiling of the app's stack for a page of a list (npm run bench:ceiling): bare graphql-yoga,
 * no plugins, answering a schema of the page's shape from memory — no database, no Pothos, no
 * Prisma. Whatever the app does to answer the page, it does at least this much.
 * The page to answer is in the PAGE environment variable (the `data` of the app's own answer).
 */
import { createServer } from 'node:http';
import { buildSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';

const page = JSON.parse(process.env.PAGE ?? '{}') as { quotes: unknown };
const schema = buildSchema(/* GraphQL */ `
  type Query { quotes(first: Int, after: String): QuoteConnection! }
  type QuoteConnection { pageInfo: PageInfo! edges: [QuoteEdge!]! }
  type PageInfo { endCursor: String }
  type QuoteEdge { node: Quote! }
  type Quote { slug: String! text: String! date: PartialDate }
  type PartialDate { iso: String! precision: DatePrecision! }
  enum DatePrecision { YEAR MONTH DAY }
`);
schema.getQueryType()!.getFields().quotes!.resolve = () => page.quotes;
const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, graphiql: false, logging: false });
createServer(yoga).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
