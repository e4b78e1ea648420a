#!/usr/bin/env node
/**
 * The operator CLI (`xiaojia`, bin of @xiaojia/api; built to dist/cli.js). Reads the same configuration as
 * the server: environment variables and the optional XIAOJIA_CONFIG file.
 */
import { adminCommand } from './cli/admins.js';
import { isCommand, parseCommandArgs } from './cli/args.js';
import { backup, restore } from './cli/backup.js';
import { type Check, doctor } from './cli/doctor.js';
import { CliError } from './cli/errors.js';
import { startServer, stopOnSignals } from './cli/serve.js';
import { createUser, readPassword, resetPassword } from './cli/users.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createDb, migrateToLatest } from './db/index.js';
import { createLogger } from './logger.js';

const USAGE = `Usage: xiaojia <command> [options]

Commands:
  serve                        run the server (API, embedded store, H5) until SIGTERM/SIGINT
  migrate                      apply pending database migrations, then exit
  backup <file>                write a consistent backup (database, embedded store, secrets); safe while serving
                               (PostgreSQL: the database part is made with pg_dump)
  restore <file> [--force]     restore a backup into the configured data dir (stop the server first;
                               --force moves an existing database and store aside)
  create-user <username> [--display-name <name>]
                               create a password account; the password is read from standard input
  reset-password <username>    set a new password (from standard input), sign out every device, clear the lockout
  admin grant|revoke <username|userId>, admin list
                               make or remove the community's admins (review, reports, suspensions, contests)
  doctor [--online]            check config, permissions, database and store integrity, bucket bindings
                               (--online also verifies every bound bucket with Qiniu)
  help                         this text

Settings come from the environment (and the JSON file named by XIAOJIA_CONFIG); see the README.
`;

const out = (line: string) => process.stdout.write(`${line}\n`);

function printChecks(checks: Check[]): boolean {
  const label = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;
  for (const check of checks) out(`${label[check.status]}  ${check.name}: ${check.detail}`);
  const failed = checks.filter((c) => c.status === 'fail').length;
  out(failed === 0 ? 'doctor: no problems found' : `doctor: ${failed} problem(s) found`);
  return failed === 0;
}

async function withDb<T>(config: Config, run: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(config.database, { poolSize: 2 });
  try {
    await migrateToLatest(db);
    return await run(db);
  } finally {
    await db.destroy();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (!isCommand(command)) throw new CliError(`unknown command ${command}\n\n${USAGE}`);
  const { positionals, options } = parseCommandArgs(command, rest);
  const config = loadConfig();

  switch (command) {
    case 'serve': {
      const logger = createLogger(config.logLevel);
      stopOnSignals(await startServer(config, logger), logger);
      return -1; // keeps running; exits from the signal handler
    }
    case 'migrate': {
      const db = createDb(config.database, { poolSize: 2 });
      try {
        const applied = await migrateToLatest(db);
        out(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await db.destroy();
      }
      return 0;
    }
    case 'backup': {
      const [file] = positionals as [string];
      const result = await backup(config, file);
      out(`backup written to ${result.file} (${result.bytes} bytes, ${result.objects} stored object(s))`);
      if (result.droppedKeys > 0) out(`${result.droppedKeys} object(s) deleted during the backup were left out`);
      return 0;
    }
    case 'restore': {
      const [file] = positionals as [string];
      const result = await restore(config, file, { force: options.has('force') });
      out(`restored the ${result.database} database and ${result.objects} stored object(s)`);
      for (const aside of result.movedAside) out(`previous data moved to ${aside}`);
      return 0;
    }
    case 'create-user': {
      const [username] = positionals as [string];
      const displayName = options.get('display-name');
      const password = await readPassword();
      const user = await withDb(config, (db) =>
        createUser(
          db,
          { username, password, displayName: typeof displayName === 'string' ? displayName : undefined },
          config.passwordHashing,
        ),
      );
      out(`created ${user.username} (${user.id})`);
      return 0;
    }
    case 'reset-password': {
      const [username] = positionals as [string];
      const password = await readPassword();
      const result = await withDb(config, (db) => resetPassword(db, { username, password }, config.passwordHashing));
      out(`password changed; ${result.sessionsRevoked} device(s) signed out`);
      return 0;
    }
    case 'admin': {
      for (const line of await withDb(config, (db) => adminCommand(db, positionals))) out(line);
      return 0;
    }
    case 'doctor':
      return printChecks(await doctor(config, { online: options.has('online') })) ? 0 : 1;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`xiaojia: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
