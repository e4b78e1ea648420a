/** Child processes for the servers under test: free ports, readiness, resident memory, clean stops. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { sleep } from './stats.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

/** Resident set size of a process, in bytes, from /proc. */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/**
 * CPU seconds (user + system) the process has used so far, from /proc (clock ticks of 1/100 s, Linux's
 * USER_HZ): every thread (workers and libuv's pool too), or only the main one (the event loop) when asked.
 */
export async function cpuSecondsOf(pid: number, only: 'all' | 'main' = 'all'): Promise<number> {
  const stat = await readFile(only === 'main' ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: the fields start after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), the 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface Child {
  process: ChildProcess;
  pid: number;
  /** The last few KB of its stderr, for error messages. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `node <args>`; stdout goes to /dev/null (the server's request log is part of its real work). */
export function startNode(args: string[], env: Record<string, string>, cwd?: string): Child {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(cwd ? { cwd } : {}),
  });
  let errText = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errText = (errText + chunk.toString()).slice(-4000);
  });
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(' ')}`);
  const pid = child.pid;
  return {
    process: child,
    pid,
    stderr: () => errText,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `url` until it answers 200 (every `intervalMs`), and returns when it did. Fails if the child
 * exits first or `timeoutMs` passes.
 */
export async function waitForOk(
  url: string,
  child: Child,
  {
    headers = {},
    timeoutMs = 60_000,
    intervalMs = 5,
  }: { headers?: Record<string, string>; timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(`server exited with ${child.process.exitCode} before answering ${url}:\n${child.stderr()}`);
    }
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status === 200) return;
      if (response.status !== 503) throw new Error(`${url} answered ${response.status}`);
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET') throw error;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.stderr()}`);
    await sleep(intervalMs);
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, everyMs = 20): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        peak = Math.max(peak, await rssOf(pid));
      } catch {
        // the process ended
      }
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
