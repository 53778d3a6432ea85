#!/usr/bin/env node
// make package: fills the ${{NAME}} placeholders of manifest/manifest.json (as Teams Toolkit does) from an
// env file, checks the result is JSON with nothing left unfilled, and writes the Teams app package: a zip
// with manifest.json, color.png and outline.png at its root.
//
// Usage: node scripts/package.mjs [--env manifest/env/.env.local] [--out artifacts/appPackage.zip]
// A name missing from the env file is taken from the process environment; missing from both, the build
// stops and names every missing variable. Placeholder values copied from the example file (an all-zero
// GUID, an example host) stop it too, since Teams would accept the package and the bot would never answer:
// pass --allow-placeholders (make package ALLOW_PLACEHOLDERS=1) to package them on purpose.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../manifest/tools/png.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const envFile = resolve(args.env ?? join(root, 'manifest', 'env', '.env.local'));
const outFile = resolve(args.out ?? join(root, 'artifacts', 'appPackage.zip'));
const manifestDir = resolve(args.manifest ?? join(root, 'manifest'));

function fail(message) {
  console.error(`\x1b[31mmake package:\x1b[0m ${message}`);
  process.exit(1);
}

function parseArgs(list) {
  const result = {};
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '--allow-placeholders') {
      result.allowPlaceholders = true;
      continue;
    }
    const match = /^--(env|out|manifest)$/.exec(list[i]);
    if (!match || i + 1 >= list.length) fail(`unknown or incomplete argument "${list[i]}". Usage: package.mjs [--env FILE] [--out ZIP] [--manifest DIR] [--allow-placeholders]`);
    result[match[1]] = list[++i];
  }
  return result;
}

/** Reads NAME=value lines; '#' starts a comment line; values may be quoted to keep spaces. */
export function readEnvFile(path) {
  const values = new Map();
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!match) fail(`${path}:${index + 1}: expected NAME=value, found "${trimmed}".`);
    let value = match[2].trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    values.set(match[1], value);
  });
  return values;
}

if (!existsSync(envFile)) {
  fail(`no env file at ${envFile}. Copy manifest/env/.env.local.example to it and fill it in (see README, "Deploy to Azure").`);
}

const env = readEnvFile(envFile);
const template = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
const missing = new Set();
const used = new Map();
const filled = template.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name) => {
  const value = env.has(name) ? env.get(name) : process.env[name];
  if (value === undefined) {
    missing.add(name);
    return '';
  }
  used.set(name, value);
  // The value lands inside a JSON string: escape it as one.
  return JSON.stringify(value).slice(1, -1);
});

if (missing.size > 0) {
  fail(`missing variable${missing.size > 1 ? 's' : ''} ${[...missing].join(', ')}: add ${missing.size > 1 ? 'them' : 'it'} to ${envFile} (NAME=value).`);
}

const placeholders = [...used].filter(([, value]) => isPlaceholder(value)).map(([name, value]) => `${name}=${value}`);
if (placeholders.length > 0 && !args.allowPlaceholders) {
  fail(`${placeholders.join(', ')} ${placeholders.length > 1 ? 'are placeholders' : 'is a placeholder'} from the example file: ` +
    `put your own values in ${envFile} (README, "Try it in your own tenant"), or pass --allow-placeholders (make package ALLOW_PLACEHOLDERS=1) to package ${placeholders.length > 1 ? 'them' : 'it'} anyway.`);
}

if (filled.includes('${{')) fail('a placeholder in manifest/manifest.json is malformed: use ${{NAME}} with letters, digits and _.');
try {
  JSON.parse(filled);
} catch (error) {
  fail(`the filled manifest is not valid JSON: ${error.message}`);
}

const entries = [
  ['manifest.json', Buffer.from(filled, 'utf8')],
  ['color.png', readFileSync(join(manifestDir, 'color.png'))],
  ['outline.png', readFileSync(join(manifestDir, 'outline.png'))],
];
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, zip(entries));
console.log(`Wrote ${outFile} (manifest.json, color.png, outline.png) from ${envFile}.`);

/**
 * True for the example file's stand-ins: the all-zero GUID, and hosts reserved for examples (RFC 2606:
 * example.com/.net/.org, the .example and .invalid names) or the example file's example.azurewebsites.net.
 */
function isPlaceholder(value) {
  if (/^0{8}-0{4}-0{4}-0{4}-0{12}$/i.test(value.trim())) return true;
  const host = (/^[a-z]+:\/\/([^/:?#]+)/i.exec(value.trim())?.[1] ?? value.trim()).toLowerCase();
  return /(^|\.)example(\.(com|net|org|azurewebsites\.net))?$/.test(host) || /\.(example|invalid)$/.test(host);
}

/** A zip archive of the given files (deflated, at the root, fixed timestamps: same input, same bytes). */
function zip(files) {
  const DOS_TIME = 0, DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01 00:00
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
