/** HTTP load with autocannon (in this process, loopback only, bounded by duration). */
import autocannon from 'autocannon';

export interface LoadResult {
  /** Answered 2xx per second. */
  rps: number;
  p50: number;
  p99: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

export async function load({ url, headers = {}, connections, seconds }: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({ url, headers, connections, duration: seconds, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return { rps: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}
