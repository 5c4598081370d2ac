import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/pty.js';

function run(args: string[], opts: { node?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(opts.node ?? process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, ...opts.env },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built bin without a terminal', () => {
  it('--version prints the version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mde-console \d+\.\d+\.\d+\n$/);
  });

  it('--help prints usage with examples', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage');
    expect(r.stdout).toContain('Examples');
    expect(r.stdout).toContain('mde-console check --demo --output json');
  });

  it('a bad flag gives one line on stderr and exit 2', () => {
    const r = run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('mde-console: unknown option --frobnicate (see mde-console --help)\n');
  });

  it('a bad value gives one line and exit 2', () => {
    const r = run(['--refresh', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--refresh must be a number of seconds');
  });

  it('refuses to start the interactive console without a TTY, naming the commands, exit 2', () => {
    const r = run(['--demo']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('needs a terminal');
    expect(r.stderr).toContain('check, indicators list, sync, stream');
  });

  it('signs in, reads every API of a health check and reports, without loading Node\'s fetch implementation', () => {
    // undici (Node's fetch) is ~3 MB of heap the console never uses; the bundle keeps every path
    // that would load it as a side effect off (esbuild.options.mjs). A probe reports it at exit.
    const probe = 'data:text/javascript,process.on("exit",()=>process.stderr.write(process.moduleLoadList.some(m=>/undici/.test(m))?"fetch loaded\\n":"fetch not loaded\\n"))';
    const r = spawnSync(process.execPath, ['--import', probe, BIN, 'check', '--demo', '--output', 'json'], { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(r.stdout) as { checks: { status: string }[] };
    expect(report.checks.length).toBeGreaterThan(5);
    expect(report.checks.filter((c) => c.status === 'UNKNOWN')).toEqual([]);
    expect(r.stderr).toContain('fetch not loaded');
  });

  const oldNode = '/usr/bin/node';
  const oldMajor = existsSync(oldNode) ? Number(spawnSync(oldNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout) : NaN;
  it.skipIf(!(oldMajor < 22))('on Node older than 22 says so in one line and exits 1', () => {
    const r = run(['--version'], { node: oldNode });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mde-console: Node\.js \d+\.\d+\.\d+ is too old; install Node\.js 22 or newer/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
