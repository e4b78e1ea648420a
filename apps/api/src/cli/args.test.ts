import { describe, expect, it } from 'vitest';
import { isCommand, parseCommandArgs } from './args.js';
import { CliError } from './errors.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected a CliError');
};

describe('CLI arguments', () => {
  it('knows the commands, and nothing inherited from Object', () => {
    expect(['serve', 'migrate', 'backup', 'restore', 'create-user', 'reset-password', 'doctor'].every(isCommand)).toBe(
      true,
    );
    expect(isCommand('toString')).toBe(false);
    expect(isCommand('purge')).toBe(false);
  });

  it('gives positionals, switches and valued options, with the value inline or next', () => {
    expect(parseCommandArgs('restore', ['backup.tar', '--force'])).toEqual({
      positionals: ['backup.tar'],
      options: new Map([['force', true]]),
    });
    for (const args of [
      ['grandma', '--display-name', '外婆'],
      ['--display-name=外婆', 'grandma'],
    ]) {
      expect(parseCommandArgs('create-user', args)).toEqual({
        positionals: ['grandma'],
        options: new Map([['display-name', '外婆']]),
      });
    }
    expect(parseCommandArgs('doctor', [])).toEqual({ positionals: [], options: new Map() });
  });

  it('takes one or two arguments for admin (list; grant or revoke someone), no more, no fewer', () => {
    expect(parseCommandArgs('admin', ['list']).positionals).toEqual(['list']);
    expect(parseCommandArgs('admin', ['grant', 'nainai']).positionals).toEqual(['grant', 'nainai']);
    expect(refusal(() => parseCommandArgs('admin', []))).toMatch(/usage: xiaojia admin/);
    expect(refusal(() => parseCommandArgs('admin', ['grant', 'a', 'b']))).toMatch(/usage: xiaojia admin/);
  });

  it('refuses bad usage with the command’s usage line', () => {
    expect(refusal(() => parseCommandArgs('create-user', ['grandma', '--display-name']))).toBe(
      '--display-name needs a value',
    );
    expect(refusal(() => parseCommandArgs('restore', ['b.tar', '--frce']))).toBe(
      'unknown option --frce\nusage: xiaojia restore <file> [--force]',
    );
    expect(refusal(() => parseCommandArgs('doctor', ['-x']))).toBe(
      'unknown option -x\nusage: xiaojia doctor [--online]',
    );
    expect(refusal(() => parseCommandArgs('backup', []))).toBe('usage: xiaojia backup <file>');
    expect(refusal(() => parseCommandArgs('migrate', ['now']))).toBe('usage: xiaojia migrate');
  });
});
