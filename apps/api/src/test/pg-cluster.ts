/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp dir, started with pg_ctl on a free loopback
 * port (no TCP outside 127.0.0.1, its socket in the same temp dir), stopped and deleted afterwards.
 * Uses Debian's server binaries (`apt-get install -y postgresql`). initdb refuses to run as root, so as
 * root every command runs as the `postgres` system user.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PgCluster {
  /** postgres://xiaojia@127.0.0.1:<port>/postgres (trust auth on loopback). */
  url: string;
  port: number;
  stop(): void;
}

/** The newest /usr/lib/postgresql/<version>/bin with a server in it, or XIAOJIA_PG_BIN. */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.XIAOJIA_PG_BIN) candidates.push(env.XIAOJIA_PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(path.join(root, version, 'bin'));
  }
  const found = candidates.find(
    (dir) => existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb')),
  );
  if (!found) {
    throw new Error(
      'PostgreSQL server binaries not found (looked in XIAOJIA_PG_BIN and /usr/lib/postgresql/*/bin). ' +
        'Install them with `apt-get install -y postgresql`, or point XIAOJIA_TEST_PG_URL at a running server.',
    );
  }
  return found;
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function systemUser(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = systemUser('postgres');
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = path.join(bin, tool);
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    try {
      execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, encoding: 'utf8' });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${tool} failed: ${e.stderr || e.stdout || e.message}`);
    }
  };
  const data = path.join(dir, 'data');
  try {
    run('initdb', ['-D', data, '-U', 'xiaojia', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freeLoopbackPort();
    const serverOptions = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${dir}`,
      // Test data is thrown away: durability buys nothing here and costs seconds.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    let stopped = false;
    return {
      url: `postgres://xiaojia@127.0.0.1:${port}/postgres`,
      port,
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
