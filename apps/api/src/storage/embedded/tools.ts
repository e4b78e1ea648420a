/**
 * Running ffmpeg and ffprobe for the embedded store: argument arrays (never a shell), a deadline after
 * which the child is killed, and bounded output (a child that writes more than it may is killed too), so
 * a hostile or broken file costs at most a few seconds and a few megabytes. A missing program is its own
 * error, which the store answers as "this server cannot process videos" instead of a failed render.
 */
import { spawn } from 'node:child_process';

/** Where the programs are (config.video: XIAOJIA_FFMPEG, XIAOJIA_FFPROBE; names are looked up on PATH). */
export interface VideoToolPaths {
  ffmpeg: string;
  ffprobe: string;
}

export const DEFAULT_VIDEO_TOOLS: VideoToolPaths = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

/** The program is not installed (or not where the configuration says). */
export class ToolMissingError extends Error {
  override name = 'ToolMissingError';
  constructor(readonly program: string) {
    super(`${program} is not installed on this server`);
  }
}

/** The program ran and failed, timed out or wrote too much; `message` says which, with its last words. */
export class ToolFailedError extends Error {
  override name = 'ToolFailedError';
}

export interface RunLimits {
  timeoutMs: number;
  /** Bytes of stdout kept; past this the child is killed and the run fails. */
  maxStdout: number;
}

/** What stderr may hold for the error message. */
const MAX_STDERR = 4096;

/** Runs `program args…`; resolves with its stdout when it exits 0 within the limits. */
export function runTool(program: string, args: readonly string[], limits: RunLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: Error | null = null;
    const fail = (error: Error) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => fail(new ToolFailedError(`${program} took longer than ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.maxStdout)
        fail(new ToolFailedError(`${program} wrote more than ${limits.maxStdout} bytes`));
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < MAX_STDERR) err = (err + chunk.toString('utf8')).slice(0, MAX_STDERR);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      failure ??= error.code === 'ENOENT' || error.code === 'EACCES' ? new ToolMissingError(program) : error;
      reject(failure);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const last = err.trim().split('\n').slice(-2).join(' ').slice(0, 300);
        return reject(new ToolFailedError(`${program} failed${last ? `: ${last}` : ` (exit ${code})`}`));
      }
      resolve(Buffer.concat(out));
    });
  });
}

/** Whether `program` runs at all (`-version`), for doctor. */
export async function toolVersion(program: string): Promise<string | null> {
  try {
    const out = await runTool(program, ['-version'], { timeoutMs: 10_000, maxStdout: 64 * 1024 });
    return out.toString('utf8').split('\n')[0]?.trim() ?? '';
  } catch {
    return null;
  }
}
