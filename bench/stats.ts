// Percentiles and the shape of one measured operation in the results file.
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN;

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

export interface OperationResult {
  name: string;
  role: string;
  path: string;
  status: number;
  bytes: number;
  statements: number | null;
  // Interleaved with the bare SQL, one request at a time.
  serial: Latency;
  bare: Latency | null;
  ratio: number | null;
  // autocannon at 1 and 10 connections.
  c1: { rps: number; latency: Latency; errors: number } | null;
  c10: { rps: number; latency: Latency; errors: number } | null;
  // The slowest statements of one traced request, with EXPLAIN ANALYZE.
  slowest: { ms: number; sql: string; plan: string[] }[];
  target: { p95Ms: number } | null;
  met: boolean | null;
  errors: string[];
}
