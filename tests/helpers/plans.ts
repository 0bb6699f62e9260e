/** PostgreSQL's `EXPLAIN (ANALYZE, FORMAT JSON)` output, read by the plan tests. */

/** One node of a plan, with the fields the tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Every node of the plan in the `QUERY PLAN` column (a JSON string or already parsed), root first. */
export function planNodes(queryPlan: unknown): PlanNode[] {
  const [{ Plan }] = (typeof queryPlan === 'string' ? JSON.parse(queryPlan) : queryPlan) as [{ Plan: PlanNode }];
  const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];
  return flatten(Plan);
}
