/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements the app really sends, with their real parameters:
 * auto_explain is switched on in the bench's own cluster for one request, and the JSON plans it
 * logs are summarised — time, buffers, rows read, and sequential scans on tables over 10k rows.
 */
import { openSync, readSync, statSync, closeSync } from 'node:fs';
import type pg from 'pg';

export interface PlanSummary {
  /** The first table the statement reads, to tell statements apart. */
  table: string;
  ms: number;
  buffers: number;
  rowsOut: number;
  /** Rows produced or filtered away by every scan node, times its loops. */
  rowsRead: number;
  seqScans: { relation: string; tableRows: number }[];
  text: string;
}

const SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);

function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  if (size <= offset) return '';
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

async function setAutoExplain(admin: pg.Client, on: boolean): Promise<void> {
  await admin.query(on ? `ALTER SYSTEM SET auto_explain.log_min_duration = 0` : `ALTER SYSTEM RESET auto_explain.log_min_duration`);
  await admin.query('SELECT pg_reload_conf()');
  // Backends pick the new setting up before their next statement; give the signal time to land.
  await new Promise((r) => setTimeout(r, 300));
}

/** Runs `work` with auto_explain on and returns the plans of the statements it caused. */
export async function explainDuring(admin: pg.Client, logFile: string, tableRows: Map<string, number>, work: () => Promise<void>): Promise<PlanSummary[]> {
  await setAutoExplain(admin, true);
  const offset = statSync(logFile).size;
  try {
    await work();
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await setAutoExplain(admin, false);
  }
  const summaries: PlanSummary[] = [];
  for (const entry of readFrom(logFile, offset).split(/\n@@ /)) {
    const at = entry.indexOf('plan:');
    if (at < 0) continue;
    let plan: any;
    try {
      plan = JSON.parse(entry.slice(at + 5));
    } catch {
      continue;
    }
    const text: string = plan['Query Text'] ?? '';
    if (/pg_reload_conf|pg_stat_statements|auto_explain/.test(text)) continue;
    const duration = /duration: ([\d.]+) ms/.exec(entry);
    summaries.push(summarize(plan, text, Number(duration?.[1] ?? 0), tableRows));
  }
  return summaries;
}

function summarize(plan: any, text: string, ms: number, tableRows: Map<string, number>): PlanSummary {
  const top = plan.Plan ?? {};
  let rowsRead = 0;
  const seqScans: PlanSummary['seqScans'] = [];
  const walk = (node: any) => {
    if (SCANS.has(node['Node Type'])) {
      rowsRead += ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1);
    }
    if (node['Node Type'] === 'Seq Scan') {
      const relation = node['Relation Name'] as string;
      seqScans.push({ relation, tableRows: tableRows.get(relation) ?? 0 });
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(top);
  const table = /FROM\s+"?(?:public"?\.)?"?([\w]+)"?/i.exec(text)?.[1] ?? '?';
  return {
    table,
    ms,
    buffers: (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0),
    rowsOut: top['Actual Rows'] ?? 0,
    rowsRead: Math.round(rowsRead),
    seqScans,
    text,
  };
}

export function formatPlan(summary: PlanSummary): string {
  const big = summary.seqScans.filter((scan) => scan.tableRows > 10_000);
  const flags = big.length ? `  ⚠ SEQ SCAN on ${big.map((s) => `"${s.relation}" (${s.tableRows.toLocaleString('en')} rows)`).join(', ')}` : '';
  return `${summary.ms.toFixed(1).padStart(8)} ms ${summary.buffers.toLocaleString('en').padStart(9)} buffers ${summary.rowsRead.toLocaleString('en').padStart(10)} rows read ${summary.rowsOut.toLocaleString('en').padStart(6)} out  from "${summary.table}"${flags}`;
}
