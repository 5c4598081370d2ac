import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../src/cli/args.js';

describe('parseCli', () => {
  it('starts the console with global flags', () => {
    const r = parseCli(['--demo', '--write', '--refresh', '5', '--no-color', '--debug']);
    expect(r).toEqual({ kind: 'console', global: { demo: true, profile: undefined, write: true, refreshSeconds: 5, color: false, debug: true } });
  });

  it('honours NO_COLOR', () => {
    const r = parseCli([], { NO_COLOR: '1' });
    expect(r.kind === 'console' && r.global.color).toBe(false);
  });

  it('gives one-line errors for unknown flags, missing values and bad values', () => {
    expect(parseCli(['--bogus'])).toEqual({ kind: 'error', message: 'unknown option --bogus (see mde-console --help)' });
    const missing = parseCli(['--profile']);
    expect(missing.kind === 'error' && missing.message).toMatch(/^option --profile needs a value/);
    const refresh = parseCli(['--refresh', '0.5']);
    expect(refresh.kind === 'error' && refresh.message).toBe('--refresh must be a number of seconds between 2 and 3600 (got "0.5")');
    const both = parseCli(['--demo', '--profile', 'x']);
    expect(both.kind).toBe('error');
    const word = parseCli(['chekc']);
    expect(word.kind === 'error' && word.message).toMatch(/^unknown command "chekc"/);
  });

  it('parses subcommands with their options and global flags on either side', () => {
    const r = parseCli(['--demo', 'check', '--output', 'json', '--only', 'sentinel,streaming']);
    expect(r.kind).toBe('command');
    if (r.kind !== 'command') return;
    expect(r.name).toBe('check');
    expect(r.global.demo).toBe(true);
    expect(r.values.output).toBe('json');
    expect(r.values.only).toBe('sentinel,streaming');

    const ind = parseCli(['indicators', 'list', '--creator', 'mdca', '--expired', '--profile', 'prod']);
    expect(ind.kind === 'command' && ind.positionals).toEqual(['list']);
    expect(ind.kind === 'command' && ind.global.profile).toBe('prod');
  });

  it('rejects an output format the subcommand does not offer', () => {
    const r = parseCli(['check', '--output', 'csv']);
    expect(r).toEqual({ kind: 'error', message: '--output must be one of text, json (got "csv")' });
  });

  it('rejects a subcommand option on another subcommand', () => {
    const r = parseCli(['sync', '--creator', 'x']);
    expect(r.kind === 'error' && r.message).toBe('unknown option --creator (see mde-console --help)');
  });

  it('passes simulator and profile arguments through untouched', () => {
    expect(parseCli(['simulator', '--port', '8443', '--scale', 'large'])).toMatchObject({
      kind: 'passthrough',
      name: 'simulator',
      args: ['--port', '8443', '--scale', 'large'],
    });
    expect(parseCli(['profile', 'add', 'prod', '--tenant', 't'])).toMatchObject({ kind: 'passthrough', name: 'profile', args: ['add', 'prod', '--tenant', 't'] });
  });

  it('recognises help and version', () => {
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
    expect(parseCli(['-v'])).toEqual({ kind: 'version' });
    expect(parseCli(['check', '--help'])).toEqual({ kind: 'help', topic: 'check' });
    expect(parseCli(['simulator', '--help'])).toEqual({ kind: 'help', topic: 'simulator' });
  });
});
