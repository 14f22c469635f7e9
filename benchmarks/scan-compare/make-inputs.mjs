// Builds the two inputs of the comparison (see README.md) into an output folder:
//   news-mix.xml      every <item> of the dev corpus feeds (EN/RU/PL real news), repeated 20 times (~20 MB)
//   treaty-dense.xml  the items of rss-1mb.xml (treaty vocabulary in every item), repeated 20 times (~20 MB)
//   news-mix-1.xml, treaty-dense-1.xml  the same documents with only their first item, to time start-up
// Each repetition gets distinct links and guids ("#r<n>" / ":r<n>" appended), as a long feed would have.
// usage: node make-inputs.mjs <corpus-dir> <rss-1mb.xml> <out-dir> [repeats]
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [corpusDir, denseFile, outDir, repeatsArg] = process.argv.slice(2);
if (!corpusDir || !denseFile || !outDir) {
  console.error('usage: node make-inputs.mjs <corpus-dir> <rss-1mb.xml> <out-dir> [repeats]');
  process.exit(2);
}
const repeats = Number(repeatsArg ?? 20);
if (!Number.isInteger(repeats) || repeats < 1) {
  console.error(`make-inputs: repeats must be a positive integer, got '${repeatsArg}'`);
  process.exit(2);
}
const feedsDir = join(corpusDir, 'feeds');
if (!existsSync(feedsDir)) {
  console.error(`make-inputs: ${feedsDir} does not exist (pass the dev corpus folder, the one holding feeds/)`);
  process.exit(2);
}
if (!existsSync(denseFile)) {
  console.error(`make-inputs: ${denseFile} does not exist`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const itemPattern = /<item>[\s\S]*?<\/item>/g;

function repeat(items, n) {
  const parts = [];
  for (let r = 0; r < n; r++) {
    for (const item of items) {
      parts.push(r === 0 ? item : item
        .replace(/<link>([^<]*)<\/link>/, (_, url) => `<link>${url}#r${r}</link>`)
        .replace(/(<guid[^>]*>)([^<]*)<\/guid>/, (_, open, id) => `${open}${id}${id.includes('://') ? '#' : ':'}r${r}</guid>`));
    }
  }
  return parts.join('\n');
}

function write(name, head, items, n) {
  const text = `${head}\n${repeat(items, n)}\n</channel>\n</rss>\n`;
  writeFileSync(join(outDir, name), text);
  return { name, items: items.length * n, bytes: Buffer.byteLength(text) };
}

// Real news: the items of every feed-day file, in file-name order (day, then feed).
const files = readdirSync(feedsDir).filter(f => f.endsWith('.xml')).sort();
const newsItems = files.flatMap(f => readFileSync(join(feedsDir, f), 'utf8').match(itemPattern) ?? []);
const newsHead = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
  + '<title>Dev corpus news items (benchmark input)</title>\n<link>https://example.org/bench/</link>\n'
  + `<description>The items of ${files.length} archived feed-day files, repeated</description>`;

// Treaty-dense: everything before the first <item> is the document's own head (namespaces, channel fields).
const dense = readFileSync(denseFile, 'utf8');
const denseItems = dense.match(itemPattern) ?? [];
const denseHead = dense.slice(0, dense.indexOf('<item>')).trimEnd();

const made = [
  write('news-mix.xml', newsHead, newsItems, repeats),
  write('news-mix-1.xml', newsHead, newsItems.slice(0, 1), 1),
  write('treaty-dense.xml', denseHead, denseItems, repeats),
  write('treaty-dense-1.xml', denseHead, denseItems.slice(0, 1), 1),
];
for (const m of made) console.log(`${m.name}\t${m.items} items\t${m.bytes} bytes`);
