// Times whole processes: `alerts scan FILE` against `node rss-parser-scan.mjs FILE`, in turn (A B A B ...),
// for the 20 MB input and its one-item twin. Start-up is the median wall time on the one-item file;
// items/s = items / (median wall on the big file - median wall on the one-item file). Prints medians,
// min-max, peak resident memory (from /usr/bin/time when present) and the ratio of the two.
// usage: node compare.mjs <alerts-executable> <inputs-dir> [runs] [inputs=news-mix,treaty-dense]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const [alerts, inputs, runsArg, namesArg] = process.argv.slice(2);
if (!alerts || !inputs) {
  console.error('usage: node compare.mjs <alerts-executable> <inputs-dir> [runs] [inputs=news-mix,treaty-dense]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
if (!existsSync(alerts)) {
  console.error(`compare: ${alerts} does not exist (publish the CLI first, see run.sh)`);
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const peer = join(here, 'rss-parser-scan.mjs');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const work = mkdtempSync(join(tmpdir(), 'scan-compare-'));

// One whole-process run: wall seconds, peak RSS (MiB) and CPU seconds (user+sys) when measurable, what it printed.
function run(argv) {
  const out = join(work, 'stdout');
  const rss = join(work, 'rss');
  const full = timeBin ? [timeBin, '-f', '%M %U %S', '-o', rss, ...argv] : argv;
  const start = process.hrtime.bigint();
  const result = spawnSync(full[0], full.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  const [kb, user, sys] = timeBin ? readFileSync(rss, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  rmSync(rss, { force: true });
  return { wall, peak: kb / 1024, cpu: user + sys, stdout: result.stdout.toString() };
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (xs, digits = 3) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;

console.log(`machine: ${cpus().length} cpus, ${cpus()[0]?.model}; load average at start ${loadavg().map(l => l.toFixed(2)).join(' ')}; ${runs} runs after 1 warm-up; ${new Date().toISOString()}`);
const summary = [];
for (const name of (namesArg ?? 'news-mix,treaty-dense').split(',')) {
  const big = join(inputs, `${name}.xml`);
  const small = join(inputs, `${name}-1.xml`);
  const commands = {
    alertsBig: [alerts, 'scan', big],
    peerBig: [process.execPath, peer, big],
    alertsSmall: [alerts, 'scan', small],
    peerSmall: [process.execPath, peer, small],
  };
  const times = Object.fromEntries(Object.keys(commands).map(k => [k, []]));
  const peaks = Object.fromEntries(Object.keys(commands).map(k => [k, []]));
  const cpu = Object.fromEntries(Object.keys(commands).map(k => [k, []]));
  let items = 0, detections = 0;
  for (let r = 0; r <= runs; r++) {
    for (const [key, argv] of Object.entries(commands)) {
      const result = run(argv);
      if (key === 'peerBig') items = Number(result.stdout.trim());
      if (key === 'alertsBig') detections = result.stdout.split('\n').filter(l => l.length > 0).length;
      if (r > 0) { times[key].push(result.wall); peaks[key].push(result.peak); cpu[key].push(result.cpu); }
    }
  }
  const alertsWork = median(times.alertsBig) - median(times.alertsSmall);
  const peerWork = median(times.peerBig) - median(times.peerSmall);
  const alertsRate = items / alertsWork, peerRate = items / peerWork;
  console.log(`\n${name}.xml: ${items} items, alerts scan printed ${detections} detections`);
  console.log(`  wall s, median (min-max)   alerts scan            rss-parser`);
  console.log(`  20 MB file                 ${fmt(times.alertsBig)}    ${fmt(times.peerBig)}`);
  console.log(`  one-item file (start-up)   ${fmt(times.alertsSmall)}    ${fmt(times.peerSmall)}`);
  console.log(`  peak RSS MiB, 20 MB file   ${fmt(peaks.alertsBig, 0)}          ${fmt(peaks.peerBig, 0)}`);
  console.log(`  CPU s (user+sys), 20 MB    ${fmt(cpu.alertsBig, 2)}       ${fmt(cpu.peerBig, 2)}`);
  console.log(`  CPU s, one-item file       ${fmt(cpu.alertsSmall, 2)}       ${fmt(cpu.peerSmall, 2)}`);
  console.log(`  items/s (start-up subtracted): alerts scan ${Math.round(alertsRate)}, rss-parser ${Math.round(peerRate)}, ratio ${(alertsRate / peerRate).toFixed(2)}x`);
  summary.push(`${name}: ${(alertsRate / peerRate).toFixed(2)}x`);
}
console.log(`\nload average at end ${loadavg().map(l => l.toFixed(2)).join(' ')}; ratios: ${summary.join(', ')}`);
rmSync(work, { recursive: true, force: true });
