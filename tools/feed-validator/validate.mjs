// Validates feed files Treaty Alerts wrote, with third-party tools: `node validate.mjs <file>...`.
//  *.atom  RELAX NG (atom.rng, from RFC 4287) by libxml2 (xmllint-wasm), the RFC's rules a grammar cannot state
//          (below), and a parse by feedsmith that must give the same entries;
//  *.json  JSON Feed 1.1 schema (jsonfeed-1.1.schema.json) by ajv with formats (absolute URIs, RFC 3339 dates),
//          and a parse by feedsmith.
// Prints one line per file, "ok <file> (<n> entries)" or "invalid <file>: <reasons>"; exits 1 when any file is
// invalid, 2 when the tools are not installed (run `npm ci` in tools/feed-validator).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
let validateXML, Ajv, addFormats, parseAtomFeed, parseJsonFeed;
try {
  ({ validateXML } = await import('xmllint-wasm'));
  Ajv = (await import('ajv')).default;
  addFormats = (await import('ajv-formats')).default;
  ({ parseAtomFeed, parseJsonFeed } = await import('feedsmith'));
} catch (error) {
  console.error(`feed validator: its packages are missing (${error.code ?? error.message}); run 'npm ci' in ${here}`);
  process.exit(2);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs <file.atom|file.json>...');
  process.exit(2);
}

const atomSchema = await readFile(path.join(here, 'atom.rng'), 'utf8');
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const jsonSchema = ajv.compile(JSON.parse(await readFile(path.join(here, 'jsonfeed-1.1.schema.json'), 'utf8')));

const absoluteIri = (value) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value ?? '');

// RFC 4287 rules outside the grammar, on the text of the document (our own writer's output has no CDATA or comments
// inside these elements; the grammar already checked the structure).
function atomRules(xml) {
  const problems = [];
  const feedHead = xml.split(/<entry[\s>]/)[0];
  const entries = [...xml.matchAll(/<entry[\s>][\s\S]*?<\/entry>/g)].map((m) => m[0]);
  const feedHasAuthor = /<author[\s>]/.test(feedHead);
  const idOf = (block) => (block.match(/<id(?:\s[^>]*)?>([^<]*)<\/id>/) ?? [])[1];
  if (!absoluteIri(idOf(feedHead))) problems.push(`feed id '${idOf(feedHead)}' is not an absolute IRI (4.2.6)`);
  const seen = new Set();
  entries.forEach((entry, i) => {
    const id = idOf(entry);
    if (!absoluteIri(id)) problems.push(`entry ${i + 1}: id '${id}' is not an absolute IRI (4.2.6)`);
    if (seen.has(id)) problems.push(`entry ${i + 1}: id '${id}' repeated in one feed (4.1.1)`);
    seen.add(id);
    if (!feedHasAuthor && !/<author[\s>]/.test(entry) && !/<source[\s>][\s\S]*<author[\s>]/.test(entry)) {
      problems.push(`entry ${i + 1}: no author in the entry or the feed (4.1.2)`);
    }
    const links = [...entry.matchAll(/<link\s([^>]*?)\/?>/g)].map((m) => m[1]);
    const attr = (attrs, name) => (attrs.match(new RegExp(`\\b${name}="([^"]*)"`)) ?? [])[1];
    const alternates = links.filter((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
    const keys = alternates.map((l) => `${attr(l, 'type') ?? ''}|${attr(l, 'hreflang') ?? ''}`);
    if (new Set(keys).size !== keys.length) problems.push(`entry ${i + 1}: two alternate links with the same type and hreflang (4.1.1)`);
    for (const l of links) {
      if (!absoluteIri(attr(l, 'href'))) problems.push(`entry ${i + 1}: link href '${attr(l, 'href')}' is not absolute`);
    }
    if (!/<content[\s>]/.test(entry) && alternates.length === 0) problems.push(`entry ${i + 1}: neither content nor an alternate link (4.1.1.1)`);
    if (/<content\s[^>]*src=/.test(entry) && !/<summary[\s>]/.test(entry)) problems.push(`entry ${i + 1}: out-of-line content without a summary (4.1.1.1)`);
  });
  return { problems, entries: entries.map(idOf) };
}

async function checkAtom(file, text) {
  const problems = [];
  const result = await validateXML({ xml: [{ fileName: path.basename(file), contents: text }], schema: [{ fileName: 'atom.rng', contents: atomSchema }], extension: 'relaxng' });
  if (!result.valid) problems.push(...result.errors.map((e) => `RELAX NG: ${e.rawMessage ?? e.message}`));
  const rules = atomRules(text);
  problems.push(...rules.problems);
  try {
    const parsed = parseAtomFeed(text);
    const ids = (parsed.entries ?? []).map((e) => e.id);
    if (JSON.stringify(ids) !== JSON.stringify(rules.entries)) problems.push(`feedsmith read entries ${JSON.stringify(ids)}, the document has ${JSON.stringify(rules.entries)}`);
    if (!parsed.id || !parsed.title || !parsed.updated) problems.push('feedsmith found no feed id, title or updated');
  } catch (error) {
    problems.push(`feedsmith: ${error.message}`);
  }
  return { problems, count: rules.entries.length };
}

function checkJson(text) {
  const problems = [];
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { problems: [`not JSON: ${error.message}`], count: 0 };
  }
  if (!jsonSchema(document)) problems.push(...jsonSchema.errors.map((e) => `schema: ${e.instancePath || '/'} ${e.message}`));
  const ids = (document.items ?? []).map((i) => i.id);
  if (new Set(ids).size !== ids.length) problems.push('item ids repeated in one feed');
  try {
    const parsed = parseJsonFeed(text);
    const parsedIds = (parsed.items ?? []).map((i) => i.id);
    if (JSON.stringify(parsedIds) !== JSON.stringify(ids)) problems.push(`feedsmith read items ${JSON.stringify(parsedIds)}, the document has ${JSON.stringify(ids)}`);
  } catch (error) {
    problems.push(`feedsmith: ${error.message}`);
  }
  return { problems, count: ids.length };
}

let invalid = 0;
for (const file of files) {
  const text = await readFile(file, 'utf8');
  const { problems, count } = file.endsWith('.atom') || file.endsWith('.xml') ? await checkAtom(file, text) : checkJson(text);
  if (problems.length === 0) {
    console.log(`ok ${file} (${count} entries)`);
  } else {
    invalid++;
    console.log(`invalid ${file}: ${problems.join('; ')}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
