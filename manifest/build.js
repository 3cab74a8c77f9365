#!/usr/bin/env node
// `npm run manifest`: packages the Teams app as dist/certibot-teams-app.zip (manifest.json, color.png, outline.png
// and the localization files), with {{MICROSOFT_APP_ID}} replaced by the bot's Microsoft App ID.
//
//   MICROSOFT_APP_ID (or MicrosoftAppId, as in .env)  required, a GUID
//   BOT_DOMAIN                                        optional, the bot's public host name, added to validDomains
//                                                     (default: the host of PUBLIC_BASE_URL, if set)
//   --out <file>                                      optional, where to write the zip
//   --no-env-file                                     do not read the repository's .env (by default it is read,
//                                                     without overriding variables already set)
//
// The manifest is checked against the bundled v1.22 schema (@microsoft/app-manifest, offline) when that dev
// dependency is installed; a package that Teams would refuse is never written. Plain Node, no zip library: the
// entries are deflated with node:zlib and written with a fixed date, so the same input gives the same bytes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { crc32 } = require('./make-icons');

const ROOT = path.resolve(__dirname, '..');
const PLACEHOLDER = /\{\{MICROSOFT_APP_ID\}\}/g;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const ICON_SIZES = { color: 192, outline: 32 };

/** Builds a zip archive (deflate, or store when deflate does not help) from [{ name, data }]. */
function createZip(entries) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01: a fixed date keeps builds reproducible
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, fileName, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);

    offset += local.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Width and height from a PNG's IHDR, or undefined if the bytes are not a PNG. */
function pngSize(data) {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47 || data.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/**
 * The files of the app package, with the app id filled in. Throws an Error whose message says what to fix.
 * `sourceDir` holds manifest.json, its icons and its localization files.
 */
function packageEntries({ appId, botDomain, sourceDir = __dirname }) {
  if (!appId || !GUID.test(appId)) {
    throw new Error(
      appId
        ? `MICROSOFT_APP_ID "${appId}" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`
        : 'Set MICROSOFT_APP_ID (or MicrosoftAppId) to the bot\'s Microsoft App ID, a GUID.',
    );
  }
  if (botDomain && !HOST.test(botDomain)) throw new Error(`BOT_DOMAIN "${botDomain}" is not a host name (no scheme, no path).`);

  const manifest = JSON.parse(fs.readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8').replace(PLACEHOLDER, appId));
  if (botDomain && !manifest.validDomains.includes(botDomain)) manifest.validDomains.push(botDomain);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (text.includes('{{')) throw new Error('manifest.json still has a {{…}} placeholder after substitution.');

  const entries = [{ name: 'manifest.json', data: Buffer.from(text, 'utf8') }];
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const file = manifest.icons[kind];
    const data = fs.readFileSync(path.join(sourceDir, file));
    const found = pngSize(data);
    if (!found || found.width !== size || found.height !== size) {
      throw new Error(`${file} must be a ${size}×${size} PNG (run node manifest/make-icons.js).`);
    }
    entries.push({ name: file, data });
  }
  const info = manifest.localizationInfo ?? {};
  const languageFiles = [info.defaultLanguageFile, ...(info.additionalLanguages ?? []).map((language) => language.file)];
  for (const file of languageFiles.filter(Boolean)) {
    entries.push({ name: file, data: fs.readFileSync(path.join(sourceDir, file)) });
  }
  return { manifest, entries };
}

/** Schema errors of the manifest and its localization files, or undefined when the validator is not installed. */
async function schemaErrors(manifest, entries) {
  let AppManifestUtils;
  try {
    ({ AppManifestUtils } = require('@microsoft/app-manifest'));
  } catch {
    return undefined;
  }
  const errors = (await AppManifestUtils.validateAgainstSchema(manifest)).map((error) => `manifest.json ${error}`);
  for (const entry of entries.filter((e) => e.name.endsWith('.json') && e.name !== 'manifest.json')) {
    const localization = JSON.parse(entry.data.toString('utf8'));
    const schema = await AppManifestUtils.fetchSchema(localization.$schema);
    errors.push(...localizationErrors(localization, schema).map((error) => `${entry.name} ${error}`));
  }
  return errors;
}

/**
 * Checks a localization file against the (flat) localization schema: every key known or matching one of its
 * patterns, every value a non-empty string within its maxLength. Done by hand because the schema's own patterns
 * (`\b]`) do not compile in ajv's unicode mode.
 */
function localizationErrors(localization, schema) {
  const errors = [];
  const patterns = Object.entries(schema.patternProperties ?? {}).map(([pattern, rule]) => [new RegExp(pattern), rule]);
  for (const [key, value] of Object.entries(localization)) {
    if (key === '$schema') continue;
    const rule = schema.properties?.[key] ?? patterns.find(([pattern]) => pattern.test(key))?.[1];
    if (!rule) errors.push(`"${key}" is not a localizable key`);
    else if (typeof value !== 'string' || value.trim() === '') errors.push(`"${key}" must be a non-empty string`);
    else if (rule.maxLength !== undefined && value.length > rule.maxLength) errors.push(`"${key}" is longer than ${rule.maxLength}`);
  }
  return errors;
}

function hostOf(url) {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  if (!process.argv.includes('--no-env-file')) {
    try {
      require('dotenv').config({ quiet: true, path: path.join(ROOT, '.env') });
    } catch {
      // dotenv is optional here: the environment alone is enough.
    }
  }
  const outArg = process.argv.indexOf('--out');
  const out = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(ROOT, 'dist', 'certibot-teams-app.zip');
  const appId = (process.env.MICROSOFT_APP_ID || process.env.MicrosoftAppId || '').trim();
  const botDomain = (process.env.BOT_DOMAIN || hostOf(process.env.PUBLIC_BASE_URL) || '').trim();

  const { manifest, entries } = packageEntries({ appId, botDomain });
  const errors = await schemaErrors(manifest, entries);
  if (errors === undefined) console.warn('note: @microsoft/app-manifest is not installed, schema not checked');
  else if (errors.length > 0) throw new Error(`the manifest does not match its schema:\n  ${errors.join('\n  ')}`);

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, createZip(entries));
  const shown = path.relative(process.cwd(), out);
  console.log(`wrote ${shown && !shown.startsWith('..') ? shown : out} (${entries.map((e) => e.name).join(', ')}) for app ${appId}`);
}

module.exports = { createZip, localizationErrors, packageEntries, pngSize };

if (require.main === module) {
  main().catch((error) => {
    console.error(`manifest: ${error.message}`);
    process.exit(1);
  });
}
