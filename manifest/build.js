#!/usr/bin/env node
// `npm run package` (or its old name `npm run manifest`): the Teams app package an administrator uploads,
// dist/appPackage.zip (manifest.json, color.png, outline.png and the localization files), with the placeholders of
// manifest.json filled in:
//
//   TEAMS_APP_ID                                      required, a GUID of your own for the Teams app ({{TEAMS_APP_ID}}),
//                                                     apart from the bot's; keep it: Teams recognises an update by it
//   MICROSOFT_APP_ID (or MicrosoftAppId, as in .env)  required, the bot's Microsoft App ID, a GUID ({{BOT_ID}})
//   TAB_SSO_APP_ID                                    optional, the app registration of the tabs' SSO ({{SSO_APP_ID}});
//                                                     default the bot's, required with MicrosoftAppType=UserAssignedMSI
//   BOT_DOMAIN                                        the public host name of certibot ({{DOMAIN}}: tab pages, SSO
//                                                     resource, validDomains); default the host of PUBLIC_BASE_URL
//   --out <file>                                      optional, where to write the zip
//   --source <dir>                                    optional, the folder of manifest.json and its files (tests)
//   --no-env-file                                     do not read the repository's .env (by default it is read,
//                                                     without overriding variables already set)
//
// The version is package.json's ({{VERSION}}). The manifest is checked against the bundled v1.22 schema
// (@microsoft/app-manifest, offline), which answers in its own words; then what the schema does not check: icon sizes,
// an outline icon white on transparent, at most 10 commands per list, the app and bot ids apart. A package Teams would
// refuse is never written. Plain Node, no zip library: the entries are deflated with node:zlib and written with a fixed
// date, so the same input gives the same bytes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { crc32 } = require('./make-icons');

const ROOT = path.resolve(__dirname, '..');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const ICON_SIZES = { color: 192, outline: 32 };
/** Teams shows at most 10 commands of a list (the schema says so too, in its words). */
const MAX_COMMANDS = 10;

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

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * A PNG's header and, for 8-bit RGBA (colour type 6, not interlaced), its pixels: the IDAT stream inflated and each row
 * unfiltered (the five filter types). `pixels` is undefined for any other kind of PNG; undefined for what is no PNG.
 */
function readPng(data) {
  const size = pngSize(data);
  if (!size) return undefined;
  const { width, height } = size;
  const bitDepth = data[24];
  const colorType = data[25];
  const interlaced = data[28] !== 0;
  const idat = [];
  for (let offset = 8; offset + 8 <= data.length; ) {
    const length = data.readUInt32BE(offset);
    if (data.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  if (colorType !== 6 || bitDepth !== 8 || interlaced) return { width, height, bitDepth, colorType, pixels: undefined };
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colorType, pixels };
}

/** What is wrong with an outline icon, if anything: Teams tints it, so it must be white on a transparent ground. */
function outlineProblem(png) {
  if (!png.pixels) return 'must be an 8-bit RGBA PNG (white on transparent)';
  let transparent = 0;
  for (let i = 0; i < png.pixels.length; i += 4) {
    const [r, g, b, a] = png.pixels.subarray(i, i + 4);
    if (a === 0) transparent += 1;
    else if (r !== 255 || g !== 255 || b !== 255) return `must be white on transparent: pixel ${(i / 4) % png.width},${Math.floor(i / 4 / png.width)} is rgba(${r}, ${g}, ${b}, ${a})`;
  }
  return transparent === 0 ? 'must be white on transparent: no pixel is transparent' : undefined;
}

/** The placeholders of manifest.json, filled in: `values` maps TEAMS_APP_ID, BOT_ID, SSO_APP_ID, DOMAIN, VERSION. */
function fillManifest(raw, values) {
  return JSON.parse(raw.replace(/\{\{(\w+)\}\}/g, (whole, name) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole)));
}

/** Checks a GUID setting; answers it in lower case (Teams compares ids as given). */
function guid(name, value, what) {
  if (!value) throw new Error(`Set ${name} to ${what}, a GUID.`);
  if (!GUID.test(value)) throw new Error(`${name} "${value}" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  return value.toLowerCase();
}

/**
 * The files of the app package, placeholders filled in. Throws an Error whose message says what to fix.
 * `sourceDir` holds manifest.json, its icons and its localization files.
 */
function packageEntries({ teamsAppId, botId, ssoAppId, appType, domain, version, sourceDir = __dirname }) {
  const bot = guid('MICROSOFT_APP_ID (or MicrosoftAppId)', botId, "the bot's Microsoft App ID");
  const app = guid('TEAMS_APP_ID', teamsAppId, `the Teams app's own id (for instance ${require('node:crypto').randomUUID()}; keep it for every new version)`);
  if (app === bot) throw new Error("TEAMS_APP_ID must differ from the bot's MICROSOFT_APP_ID: the Teams app and the bot are two things with ids of their own.");
  if (!ssoAppId && appType === 'UserAssignedMSI') {
    throw new Error('Set TAB_SSO_APP_ID to the app registration of the tabs\' Teams SSO: a managed identity (UserAssignedMSI) cannot be one.');
  }
  const sso = ssoAppId ? guid('TAB_SSO_APP_ID', ssoAppId, "the tabs' SSO app registration") : bot;
  if (!domain) throw new Error('Set BOT_DOMAIN (or PUBLIC_BASE_URL) to the public host name of certibot: the tabs are served from it.');
  if (!HOST.test(domain)) throw new Error(`BOT_DOMAIN "${domain}" is not a host name (no scheme, no path).`);

  const manifest = fillManifest(fs.readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8'), {
    TEAMS_APP_ID: app,
    BOT_ID: bot,
    SSO_APP_ID: sso,
    DOMAIN: domain,
    VERSION: version,
  });
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (text.includes('{{')) throw new Error(`manifest.json still has a placeholder after substitution: ${/\{\{\w*\}\}/.exec(text)?.[0]}.`);
  for (const [index, list] of (manifest.bots ?? []).flatMap((b) => b.commandLists ?? []).entries()) {
    if ((list.commands ?? []).length > MAX_COMMANDS) throw new Error(`command list ${index + 1} has ${list.commands.length} commands; Teams shows ${MAX_COMMANDS} at most.`);
  }

  const entries = [{ name: 'manifest.json', data: Buffer.from(text, 'utf8') }];
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const file = manifest.icons[kind];
    const data = fs.readFileSync(path.join(sourceDir, file));
    const png = readPng(data);
    if (!png || png.width !== size || png.height !== size) {
      throw new Error(`${file} must be a ${size}×${size} PNG (run node manifest/make-icons.js).`);
    }
    const problem = kind === 'outline' ? outlineProblem(png) : undefined;
    if (problem) throw new Error(`${file} ${problem} (run node manifest/make-icons.js).`);
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
  const option = (name) => {
    const at = process.argv.indexOf(name);
    return at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : undefined;
  };
  const out = option('--out') ?? path.join(ROOT, 'dist', 'appPackage.zip');
  const setting = (...names) => names.map((name) => (process.env[name] ?? '').trim()).find((value) => value !== '') ?? '';
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  const { manifest, entries } = packageEntries({
    teamsAppId: setting('TEAMS_APP_ID'),
    botId: setting('MICROSOFT_APP_ID', 'MicrosoftAppId'),
    ssoAppId: setting('TAB_SSO_APP_ID'),
    appType: setting('MicrosoftAppType'),
    domain: setting('BOT_DOMAIN') || hostOf(setting('PUBLIC_BASE_URL')) || '',
    version,
    ...(option('--source') ? { sourceDir: option('--source') } : {}),
  });
  const errors = await schemaErrors(manifest, entries);
  if (errors === undefined) console.warn('note: @microsoft/app-manifest is not installed, schema not checked');
  else if (errors.length > 0) throw new Error(`the manifest does not match its schema:\n  ${errors.join('\n  ')}`);

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, createZip(entries));
  const shown = path.relative(process.cwd(), out);
  const bytes = fs.statSync(out).size;
  console.log(`wrote ${shown && !shown.startsWith('..') ? shown : out} (${bytes} bytes: ${entries.map((e) => e.name).join(', ')})`);
  console.log(`Teams app ${manifest.id} version ${manifest.version}, bot ${manifest.bots[0].botId}, tabs on https://${manifest.validDomains[0]}`);
}

module.exports = { createZip, fillManifest, localizationErrors, outlineProblem, packageEntries, pngSize, readPng };

if (require.main === module) {
  main().catch((error) => {
    console.error(`package: ${error.message}`);
    process.exit(1);
  });
}
