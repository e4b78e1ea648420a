/**
 * The CLI's commands, their arguments and options, parsed with node:util parseArgs. Parsed leniently
 * (strict: false) and then checked here, so the messages say what the operator typed and which usage
 * applies, e.g. "unknown option --frce\nusage: xiaojia restore <file> [--force]".
 */
import { parseArgs } from 'node:util';
import { CliError } from './errors.js';

interface CommandSpec {
  usage: string;
  /** How many positional arguments the command takes (exactly, or from min to max). */
  arguments: number | readonly [number, number];
  options: Record<string, { type: 'string' | 'boolean' }>;
}

export const COMMANDS = {
  serve: { usage: 'serve', arguments: 0, options: {} },
  migrate: { usage: 'migrate', arguments: 0, options: {} },
  backup: { usage: 'backup <file>', arguments: 1, options: {} },
  restore: { usage: 'restore <file> [--force]', arguments: 1, options: { force: { type: 'boolean' } } },
  'create-user': {
    usage: 'create-user <username> [--display-name <name>]',
    arguments: 1,
    options: { 'display-name': { type: 'string' } },
  },
  'reset-password': { usage: 'reset-password <username>', arguments: 1, options: {} },
  doctor: { usage: 'doctor [--online]', arguments: 0, options: { online: { type: 'boolean' } } },
  admin: { usage: 'admin grant|revoke <username|userId>, or admin list', arguments: [1, 2], options: {} },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export interface CommandArgs {
  positionals: string[];
  /** Options given: strings for valued ones, true for switches. */
  options: Map<string, string | true>;
}

/** The arguments after the command name, checked against the command's usage. */
export function parseCommandArgs(command: CommandName, args: string[]): CommandArgs {
  const spec: CommandSpec = COMMANDS[command];
  const { tokens, positionals } = parseArgs({
    args,
    options: spec.options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const options = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (spec.options[token.name]?.type === 'string' && token.value === undefined) {
      throw new CliError(`${token.rawName} needs a value`);
    }
  }
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = spec.options[token.name];
    if (!option) throw new CliError(`unknown option ${token.rawName}\nusage: xiaojia ${spec.usage}`);
    options.set(token.name, option.type === 'string' ? (token.value ?? '') : true);
  }
  const [min, max] = typeof spec.arguments === 'number' ? [spec.arguments, spec.arguments] : spec.arguments;
  if (positionals.length < min || positionals.length > max) throw new CliError(`usage: xiaojia ${spec.usage}`);
  return { positionals, options };
}
