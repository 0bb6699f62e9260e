import { execute } from './helpers/graphql.js';
import { describe, expect, it } from 'vitest';
import { yoga } from '../src/yoga.js';
import { usesServer } from './helpers/database.js';
import { parseMetrics, valueOf, type Sample } from './helpers/metrics.js';

/** Prometheus metrics at /metrics, moved by real requests against the test database. */
async function scrape(): Promise<Sample[]> {
  const response = await yoga.fetch('http://yoga/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

const probe = 'query MetricsProbe { person(slug: "elon-musk") { name quotes(first: 2) { totalCount } } }';

describe('metrics', () => {
  it('counts requests and their latency by operation name', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++) expect((await execute(probe)).data).toMatchObject({ person: { name: 'Elon Musk' } });
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);

    const operation = { operationName: 'MetricsProbe', operationType: 'query' };
    expect(moved('graphql_yoga_http_duration_seconds_count', { ...operation, method: 'POST', statusCode: '200' })).toBe(3);
    expect(moved('graphql_yoga_http_duration_seconds_sum', operation)).toBeGreaterThan(0);
    expect(moved('graphql_envelop_request_total', operation)).toBe(3);
    expect(moved('graphql_envelop_request_duration_seconds_count', operation)).toBe(3);
    // Histogram buckets are cumulative: the +Inf bucket holds every request.
    expect(moved('graphql_envelop_request_duration_seconds_bucket', { ...operation, le: '+Inf' })).toBe(3);
  });

  it('counts errors by the code clients receive, requests refused by a limit or before execution included', async () => {
    const before = await scrape();
    await execute('{ nope }');
    await execute('query Broken { nope nope2 }');
    await execute('{');
    await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    await yoga.fetch('http://yoga/graphql?query=%7B__typename%7D');
    // Over the token limit (src/graphql/limits.ts): refused before execution.
    await execute(`{ ${'__typename '.repeat(1_100)}}`);
    const after = await scrape();
    const moved = (code: string) => valueOf(after, 'graphql_errors_total', { code }) - valueOf(before, 'graphql_errors_total', { code });
    expect(moved('GRAPHQL_VALIDATION_FAILED')).toBe(3);
    expect(moved('GRAPHQL_PARSE_FAILED')).toBe(1);
    expect(moved('UNSUPPORTED_MEDIA_TYPE')).toBe(1);
    expect(moved('CSRF_PREVENTED')).toBe(1);
    expect(moved('QUERY_TOO_COMPLEX')).toBe(1);
    expect(moved('INTERNAL_SERVER_ERROR')).toBe(0);
    // A request whose document parsed counts as an HTTP request of its operation even when it is
    // refused before execution; it is not counted as executed.
    const broken = { operationName: 'Broken', operationType: 'query' };
    expect(valueOf(after, 'graphql_yoga_http_duration_seconds_count', { ...broken, method: 'POST', statusCode: '400' }) - valueOf(before, 'graphql_yoga_http_duration_seconds_count', { ...broken, method: 'POST', statusCode: '400' })).toBe(1);
    expect(valueOf(after, 'graphql_envelop_request_total', broken) - valueOf(before, 'graphql_envelop_request_total', broken)).toBe(0);
  });

  it('keeps client-chosen operation names from growing the metrics without bound', async () => {
    for (let i = 0; i < 260; i++) await execute(`query Random${i}_${Math.random().toString(36).slice(2, 8)} { __typename }`);
    const samples = (await scrape()).filter((sample) => sample.name === 'graphql_envelop_request_total');
    const names = new Set(samples.map((sample) => sample.labels.operationName));
    // 200 distinct names, plus `anonymous` and `other`.
    expect(names.size).toBeLessThanOrEqual(202);
    expect(valueOf(samples, 'graphql_envelop_request_total', { operationName: 'other' })).toBeGreaterThanOrEqual(60);
    // Names already seen keep their own series.
    expect(names).toContain('MetricsProbe');
  });

  it('reports the process: CPU, memory, event loop lag, heap', async () => {
    const names = new Set((await scrape()).map((sample) => sample.name));
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(names, name).toContain(name);
    }
  });

  it.runIf(usesServer)('reports the PostgreSQL pool: open, idle and waiting connections', async () => {
    await Promise.all([execute(probe), execute(probe), execute(probe)]);
    const samples = await scrape();
    const total = valueOf(samples, 'db_pool_connections', { state: 'total' });
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(10);
    expect(valueOf(samples, 'db_pool_connections', { state: 'idle' })).toBeLessThanOrEqual(total);
    expect(valueOf(samples, 'db_pool_connections', { state: 'waiting' })).toBe(0);
  });

  it.skipIf(usesServer)('reports no pool for the embedded database (one in-process connection)', async () => {
    await execute(probe);
    expect((await scrape()).filter((sample) => sample.name === 'db_pool_connections')).toEqual([]);
  });
});
