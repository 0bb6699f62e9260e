import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { errorsOf } from './results.js';

/** Where the metrics are served (Prometheus text format). */
export const METRICS_PATH = '/metrics';

export interface MetricsOptions {
  /** Connection counts of the database pool at scrape time; undefined for the embedded database. */
  readonly poolUsage: () => { total: number; idle: number; waiting: number } | undefined;
}

type OperationLabels = { operationName: string; operationType: string };

/**
 * Prometheus metrics at GET /metrics, on prom-client:
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
 * The names, labels and buckets are those Yoga's Prometheus plugin (@graphql-yoga/plugin-prometheus,
 * on @envelop/prometheus) served before, so dashboards keep working. That plugin is not used for
 * what it cost: it learns each request's operation in an after-parse hook, and having that hook
 * took 6–8% of the CPU per request of page 1 of all quotes (A/B at 100k quotes: the same plugin
 * written here with that hook measured the same as Yoga's, with the operation taken before
 * validation instead 6–8% less; README Metrics). Here the operation's labels are worked out once
 * per document and operation name, when the document is validated.
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
  const httpDuration = new Histogram({
    name: 'graphql_yoga_http_duration_seconds',
    help: 'Time to answer an HTTP request carrying a GraphQL operation, by operation and status code.',
    labelNames: ['operationName', 'operationType', 'method', 'statusCode'] as const,
    registers: [registry],
  });
  const executed = new Counter({
    name: 'graphql_envelop_request_total',
    help: 'GraphQL operations executed.',
    labelNames: ['operationName', 'operationType'] as const,
    registers: [registry],
  });
  const executionDuration = new Histogram({
    name: 'graphql_envelop_request_duration_seconds',
    help: 'Execution time of GraphQL operations (resolvers and database), by operation.',
    labelNames: ['operationName', 'operationType'] as const,
    registers: [registry],
  });

  // An operation's labels depend on its document (Yoga's parser cache hands out one object per
  // text) and the operation name asked for.
  const labelsByDocument = new WeakMap<DocumentNode, Map<string, OperationLabels>>();
  const labelsOf = (document: DocumentNode, requested: string | null | undefined): OperationLabels => {
    let byName = labelsByDocument.get(document);
    if (!byName) labelsByDocument.set(document, (byName = new Map()));
    const key = requested ?? '';
    let labels = byName.get(key);
    if (!labels) {
      const operation = getOperationAST(document, requested);
      labels = { operationName: operationName(requested || operation?.name?.value), operationType: operation?.operation ?? 'unknown' };
      byName.set(key, labels);
    }
    return labels;
  };
  const startedAt = new WeakMap<Request, number>();
  const operationOf = new WeakMap<Request, OperationLabels>();
  // Dropped once the response is out (forgetPaths in src/graphql/compiled-execution.ts says why).
  const forget = (request: Request) => {
    startedAt.delete(request);
    operationOf.delete(request);
  };

  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === METRICS_PATH) {
        return registry.metrics().then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } })));
      }
      startedAt.set(request, performance.now());
      return undefined;
    },
    // Every parsed document is validated (Yoga's cache only skips the work), so this sees every
    // request that carried one, refused or not.
    onValidate({ context, params }) {
      const { request, params: requestParams } = context as { request?: Request; params?: { operationName?: string | null } };
      if (request) operationOf.set(request, labelsOf(params.documentAST, requestParams?.operationName));
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const labels = request && operationOf.get(request);
      if (!labels) return undefined;
      const start = performance.now();
      return {
        onExecuteDone() {
          executionDuration.observe(labels, (performance.now() - start) / 1000);
          executed.inc(labels);
        },
      };
    },
    onResponse({ request, response }) {
      const start = startedAt.get(request);
      const labels = operationOf.get(request);
      forget(request);
      if (start === undefined || !labels) return;
      httpDuration.observe({ ...labels, method: request.method, statusCode: response.status }, (performance.now() - start) / 1000);
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
