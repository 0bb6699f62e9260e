import { GraphQLError, type ValidationRule } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { logger } from '../logger.js';
import { ErrorCode } from './errors.js';

/**
 * Client mistakes that reach Yoga before or around validation, answered with HTTP 4xx and a code
 * instead of a 500 or INTERNAL_SERVER_ERROR:
 *
 * - GET parameters `variables` / `extensions` that are not JSON objects. Yoga's GET parser calls
 *   `JSON.parse` unguarded, so a typo there was an uncaught SyntaxError (HTTP 500); for POST bodies
 *   Yoga already answers `BAD_REQUEST` with HTTP 400, and GET now does the same.
 * - `mutation` / `subscription` operations on this query-only schema: graphql-js 16 has no
 *   validation rule for them (it arrives in v17 as KnownOperationTypesRule) and failed at execution
 *   as an uncoded error; they are now a validation error like any other unknown thing.
 */
export function useRequestContract(): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'GET') return;
      setRequestParser((getRequest) => {
        const url = new URL(getRequest.url);
        const params = url.searchParams;
        return {
          query: params.get('query') || undefined,
          operationName: params.get('operationName') || undefined,
          variables: jsonObjectParam(params, 'variables'),
          extensions: jsonObjectParam(params, 'extensions'),
        };
      });
    },
    // Validation errors bypass maskError (Yoga returns them as they are; parse errors do pass
    // through it): log them here, at the level of the other client mistakes.
    onValidate({ addValidationRule }) {
      addValidationRule(KnownOperationTypesRule);
      return ({ valid, result }) => {
        // Limit errors (limits.ts) carry their own code; the others get theirs from Yoga only later.
        if (!valid) logger.info({ code: result[0]?.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED', error: result[0]?.message.slice(0, 500), errorCount: result.length }, 'request rejected');
      };
    },
  };
}

function jsonObjectParam(params: URLSearchParams, name: string): Record<string, unknown> | undefined {
  const text = params.get(name);
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(`The "${name}" URL parameter is not valid JSON.`);
  }
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`The "${name}" URL parameter must be a JSON object.`);
  return value as Record<string, unknown>;
}

function badRequest(message: string): GraphQLError {
  // `spec: true`: for legacy `application/json` clients Yoga keeps HTTP 200, as the GraphQL over
  // HTTP spec asks; `application/graphql-response+json` clients get the 400.
  return createGraphQLError(message, { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400, spec: true } } });
}

const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const rootType = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!rootType) {
      context.reportError(new GraphQLError(`This API is read-only: it does not support ${node.operation} operations.`, { nodes: node }));
    }
  },
});
