// `npm run bench`: bundles the benchmark scenarios (bench/src) and the start-up floor
// (bench/fixtures) with the console's own esbuild options, runs each scenario in its own Node
// process with a time cap, prints a table and writes bench/results.json.
//
//   node bench/run.mjs [--quick] [--only startup,load,render,live]
//
// --quick: fewer runs and 15 s (not 60 s) idle windows per screen; results.json says which.
import { build } from 'esbuild';
import { bundleOptions } from '../esbuild.options.mjs';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, platform, totalmem } from 'node:os';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'bench/.build');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : argv[argv.indexOf(onlyArg) + 1]).split(',') : undefined;

// Every scenario process is bounded (its own loops have counts and caps too).
const SCENARIOS = [
  { name: 'startup', file: 'startup', capMs: 180_000 },
  { name: 'load', file: 'loadAndDiff', capMs: 300_000 },
  { name: 'render', file: 'render', capMs: 180_000 },
  { name: 'live', file: 'live', capMs: quick ? 240_000 : 480_000 },
];

if (!existsSync(resolve(ROOT, 'dist/cli.js'))) {
  console.error('bench: dist/cli.js is missing; run `npm run build` (or `npm run bench`, which builds first).');
  process.exit(2);
}

// Same options as esbuild.config.mjs, so the floor and the subject are bundled alike.
const common = bundleOptions(ROOT);
await build({ ...common, entryPoints: { 'minimal-ink': 'bench/fixtures/minimal-ink.tsx' }, outdir: resolve(OUT, 'fixtures') });
await build({
  ...common,
  entryPoints: {
    ...Object.fromEntries(SCENARIOS.filter((s) => !only || only.includes(s.name)).map((s) => [s.file, `bench/src/scenarios/${s.file}.ts${s.file === 'render' ? 'x' : ''}`])),
    // Started by loadAndDiff in a fresh process.
    syncDiff: 'bench/src/scenarios/syncDiff.ts',
  },
  outdir: resolve(OUT, 'scenarios'),
  // Readable function names in a BENCH_PROFILE CPU profile.
  minify: !process.env.BENCH_PROFILE,
  // Native addon: loaded from node_modules at run time.
  external: ['@lydell/node-pty'],
});

function runScenario(s) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--expose-gc', resolve(OUT, 'scenarios', `${s.file}.js`), ...(quick ? ['--quick'] : [])], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const results = [];
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      buffered += d;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('BENCH_RESULT ')) results.push(JSON.parse(line.slice('BENCH_RESULT '.length)));
        else if (line.trim()) process.stderr.write(`  ${line}\n`);
      }
    });
    const timer = setTimeout(() => {
      process.stderr.write(`bench: ${s.name} exceeded its ${s.capMs / 1000} s cap; stopping it\n`);
      child.kill('SIGKILL');
    }, s.capMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ results, code, signal, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  os: `${platform()} ${release()}`,
};
const ink = JSON.parse(readFileSync(resolve(ROOT, 'node_modules/ink/package.json'), 'utf8')).version;

const all = [];
const failures = [];
for (const s of SCENARIOS) {
  if (only && !only.includes(s.name)) continue;
  process.stderr.write(`bench: ${s.name}…\n`);
  const r = await runScenario(s);
  process.stderr.write(`bench: ${s.name} done in ${r.seconds.toFixed(0)} s${r.code ? ` (exit ${r.code ?? r.signal})` : ''}\n`);
  if (r.code !== 0) failures.push(`${s.name} exited ${r.code ?? r.signal}`);
  all.push(...r.results);
}

const fmt = (v, unit) => {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (unit === 'bytes') return v >= 10240 ? `${(v / 1024).toFixed(1)} KB` : `${Math.round(v)} B`;
  if (unit === 'MB') return `${v.toFixed(0)} MB`;
  if (unit === '% of one core') return `${v.toFixed(2)} %`;
  if (unit === 'requests/min') return `${v.toFixed(1)}/min`;
  if (unit === 'ms') return v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;
  return `${v} ${unit}`;
};
const rows = all.map((r) => {
  const p95 = r.p95 !== null && r.p95 !== undefined && r.unit === 'ms' ? `, p95 ${fmt(r.p95, r.unit)}` : '';
  const floor = r.floor ? `${fmt(r.floor.median, r.unit)}` : '';
  const ratio = r.ratio !== null && r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : '';
  return [r.scenario, `${fmt(r.median, r.unit)}${p95}`, floor, ratio, r.budget, r.pass === null ? 'n/a' : r.pass ? 'PASS' : 'FAIL'];
});
const header = ['Scenario', 'Figure (median)', 'Floor', 'Ratio', 'Budget', 'Result'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, Ink ${ink}, ${machine.os}${quick ? ' — --quick (15 s idle windows, fewer runs)' : ''}`);
for (const r of all) if (r.note) console.log(`note (${r.scenario}): ${r.note}`);
for (const f of failures) console.log(`bench: ${f}`);

writeFileSync(
  resolve(ROOT, 'bench/results.json'),
  JSON.stringify({ generatedAt: new Date().toISOString(), command: `node bench/run.mjs ${argv.join(' ')}`.trim(), quick, machine: { ...machine, ink }, results: all.map((r) => ({ ...r, machine })) }, null, 2) + '\n',
);
console.log('wrote bench/results.json');
process.exit(failures.length ? 1 : 0);
