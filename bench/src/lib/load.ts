/** HTTP load with autocannon (in this process, loopback only, bounded by duration). */
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Answered 2xx per second. */
  rps: number;
  p50: number;
  p99: number;
  /** The server process's CPU time over the run, in ms. */
  serverCpuMs: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** The server's pid, to charge its CPU time to the requests. */
  pid: number;
}

export async function load({ url, headers = {}, connections, seconds, pid }: LoadOptions): Promise<LoadResult> {
  const cpuBefore = await cpuMsOf(pid);
  const result = await autocannon({ url, headers, connections, duration: seconds, pipelining: 1 });
  const serverCpuMs = (await cpuMsOf(pid)) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  const requests = result['2xx'];
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    serverCpuMs,
  };
}

/** Several slices of one side of a comparison taken as one measurement. */
export function combine(slices: LoadResult[]): LoadResult {
  const requests = slices.reduce((s, x) => s + x.requests, 0);
  const seconds = slices.reduce((s, x) => s + x.seconds, 0);
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: slices.reduce((s, x) => s + x.p50, 0) / slices.length,
    p99: slices.reduce((s, x) => s + x.p99, 0) / slices.length,
    serverCpuMs: slices.reduce((s, x) => s + x.serverCpuMs, 0),
  };
}
