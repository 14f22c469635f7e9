// The peer: parse each file with rss-parser (no detection) and print the number of items read.
import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';

const parser = new Parser();
let items = 0;
for (const file of process.argv.slice(2)) {
  const feed = await parser.parseString(readFileSync(file, 'utf8'));
  items += feed.items.length;
}
console.log(items);
