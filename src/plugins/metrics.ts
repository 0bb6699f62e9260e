import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { errorsOf } from './results.js';

/** Where the metrics are served (Prometheus text format). */
export const METRICS_PATH = '/metrics';

export interface MetricsOptions {
  /** Connection counts of the database pool at scrape time; undefined for the embedded database. */
  readonly poolUsage: () => { total: number; idle: number; waiting: number } | undefined;
}

/**
 * Prometheus metrics at GET /metrics, through Yoga's Prometheus plugin (envelop's, on prom-client):
 *
 * - `graphql_yoga_http_duration_seconds{operationName,operationType,method,statusCode}`: every
 *   HTTP request that carried a GraphQL document (its `_count` is the request count);
 * - `graphql_envelop_request_total` / `graphql_envelop_request_duration_seconds`
 *   `{operationName,operationType}`: operations executed and their execution time;
 * - `graphql_errors_total{code}`: errors sent to clients, by `extensions.code` — counted on the
 *   response as sent (after masking), so a request refused by a limit counts under the limit's code;
 * - `db_pool_connections{state="total"|"idle"|"waiting"}`: the PostgreSQL pool (server mode);
 * - prom-client's default process metrics (CPU, memory, event-loop lag, GC, handles).
 *
 * Operation names are chosen by clients, so they are bounded before they become label values:
 * at most MAX_OPERATION_NAMES distinct names, the rest count as `other`. Otherwise a client
 * sending random names would grow the metrics (and the memory holding them) without end.
 * The request URL is not a label for the same reason.
 */
export function useMetrics(options: MetricsOptions): Plugin {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operationName = boundedNames(MAX_OPERATION_NAMES);

  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors sent to clients, by extensions.code (after masking; includes requests refused by limits).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Connections of the PostgreSQL pool at scrape time: total open, idle, and requests waiting for one (server mode only).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const usage = options.poolUsage();
      if (!usage) return;
      for (const [state, value] of Object.entries(usage)) this.set({ state }, value);
    },
  });

  const operationLabels = (params: { operationName?: string; operationType?: string }) => ({
    operationName: operationName(params.operationName),
    operationType: params.operationType ?? 'unknown',
  });

  const prometheus = usePrometheus({
    registry,
    endpoint: METRICS_PATH,
    metrics: {
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration_seconds',
          help: 'Time to answer an HTTP request carrying a GraphQL operation, by operation and status code.',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode'] as const,
        },
        fillLabelsFn: (params, { request, response }) => ({
          ...operationLabels(params),
          method: (request as Request).method,
          statusCode: (response as Response).status,
        }),
      }),
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: 'graphql_envelop_request_total', help: 'GraphQL operations executed.', labelNames: ['operationName', 'operationType'] as const },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration_seconds',
          help: 'Execution time of GraphQL operations (resolvers and database), by operation.',
          labelNames: ['operationName', 'operationType'] as const,
        },
        fillLabelsFn: operationLabels,
      }),
      // Per-phase timings, the summary and field-level metrics add series without answering a
      // question the ones above leave open; errors are counted by code below instead of by
      // (client-chosen) path.
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_error_result: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });

  return {
    onPluginInit({ addPlugin }) {
      addPlugin(prometheus);
    },
    onResultProcess({ result }) {
      for (const error of errorsOf(result)) {
        const code = error.extensions?.code;
        errors.inc({ code: typeof code === 'string' && CODE.test(code) ? code : 'UNCODED' });
      }
    },
  };
}

const MAX_OPERATION_NAMES = 200;
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** Label values for client-chosen names: the first `limit` distinct valid names, then `other`. */
function boundedNames(limit: number): (name: string | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (!name || name === 'Anonymous') return 'anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= limit || !GRAPHQL_NAME.test(name)) return 'other';
    seen.add(name);
    return name;
  };
}
