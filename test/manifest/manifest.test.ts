import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

// @microsoft/app-manifest requires strip-bom@5, an ES module that Jest on Node 20 cannot require; only its file
// readers use it, and this test reads files itself.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const MANIFEST_DIR = path.resolve(__dirname, '../../manifest');
const BUILD = path.join(MANIFEST_DIR, 'build.js');

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description: string }>;
}
interface Manifest {
  $schema: string;
  id: string;
  icons: { color: string; outline: string };
  bots: Array<{ botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: CommandList[] }>;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
  validDomains: string[];
}
interface LocalizationSchema {
  properties: Record<string, { maxLength?: number }>;
  patternProperties: Record<string, { maxLength?: number }>;
}

const rawManifest = (): string => fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const manifestFor = (appId: string): Manifest => JSON.parse(rawManifest().replaceAll('{{MICROSOFT_APP_ID}}', appId)) as Manifest;

// --- A small PNG reader: IHDR, then the IDAT stream inflated and unfiltered (all five filter types). ------------------

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA rows for colour type 6. */
  pixels: Buffer;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function readPng(file: string): Png {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.toString('ascii', 12, 16)).toBe('IHDR');
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const bitDepth = data[24] ?? 0;
  const colorType = data[25] ?? 0;
  const idat: Buffer[] = [];
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset);
    if (data.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const pixels = Buffer.alloc(width * height * 4);
  if (colorType === 6 && bitDepth === 8) {
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const stride = width * 4;
    for (let y = 0; y < height; y += 1) {
      const filter = raw[y * (stride + 1)];
      for (let x = 0; x < stride; x += 1) {
        const value = raw[y * (stride + 1) + 1 + x] ?? 0;
        const left = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
        const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
        const upLeft = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
        const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0] ?? 0;
        pixels[y * stride + x] = (value + predictor) & 0xff;
      }
    }
  }
  return { width, height, bitDepth, colorType, pixels };
}

// --- A small zip reader: the end record, the central directory, and each entry's data. -----------------------------

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  data: Buffer;
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const stored = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? zlib.inflateRawSync(stored) : Buffer.from(stored);
    entries.push({ name, method, crc, data });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('Teams app manifest', () => {
  it('is valid against the bundled v1.22 schema once a real app id is filled in', async () => {
    const manifest = manifestFor(randomUUID());
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);
    expect(errors).toEqual([]);
  });

  it('takes the app id and the bot id from the {{MICROSOFT_APP_ID}} placeholder', () => {
    const manifest = JSON.parse(rawManifest()) as Manifest;
    expect(manifest.id).toBe('{{MICROSOFT_APP_ID}}');
    expect(manifest.bots[0]?.botId).toBe('{{MICROSOFT_APP_ID}}');
  });

  it('declares one bot for personal chats, teams and group chats, which accepts files', () => {
    const bot = manifestFor(randomUUID()).bots[0];
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.supportsFiles).toBe(true);
  });

  it('lists its commands in French first, for every scope it is installed in', () => {
    const lists = manifestFor(randomUUID()).bots[0]?.commandLists ?? [];
    const titles = (scope: string) => lists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands.map((c) => c.title));
    expect(titles('personal')).toEqual(expect.arrayContaining(['aide', 'mes certificats', 'supprime mes données']));
    expect(titles('team')).toEqual(expect.arrayContaining(['aide', 'rappels ici']));
    expect(titles('groupChat')).toEqual(expect.arrayContaining(['aide', 'rappels ici']));
  });

  it('is written in fr-FR and ships an English localization file next to it', () => {
    const { localizationInfo } = manifestFor(randomUUID());
    expect(localizationInfo.defaultLanguageTag).toBe('fr-FR');
    const english = localizationInfo.additionalLanguages.find((language) => /^en(-|$)/i.test(language.languageTag));
    expect(english).toBeDefined();
    expect(fs.existsSync(path.join(MANIFEST_DIR, english?.file ?? 'missing'))).toBe(true);
  });
});

describe('English localization file', () => {
  const manifest = manifestFor(randomUUID());
  const files = manifest.localizationInfo.additionalLanguages.map((language) => language.file);

  it.each(files)('%s has only keys the localization schema allows, with non-empty values within their limits', async (file) => {
    const localization = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8')) as Record<string, string>;
    const schemaUrl = localization.$schema ?? '';
    expect(schemaUrl).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.Localization.schema.json');
    const schema = (await AppManifestUtils.fetchSchema(schemaUrl)) as unknown as LocalizationSchema;
    const patterns = Object.entries(schema.patternProperties).map(([pattern, rule]) => ({ pattern: new RegExp(pattern), rule }));
    const problems: string[] = [];
    for (const [key, value] of Object.entries(localization)) {
      if (key === '$schema') continue;
      const rule = schema.properties[key] ?? patterns.find(({ pattern }) => pattern.test(key))?.rule;
      if (!rule) problems.push(`${key}: not a localizable key`);
      else if (typeof value !== 'string' || value.trim() === '') problems.push(`${key}: empty`);
      else if (rule.maxLength !== undefined && value.length > rule.maxLength) problems.push(`${key}: longer than ${rule.maxLength}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(files)('%s translates exactly the manifest\'s names, descriptions and commands', (file) => {
    const localization = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8')) as Record<string, string>;
    const expected = ['name.short', 'name.full', 'description.short', 'description.full'];
    manifest.bots[0]?.commandLists.forEach((list, l) =>
      list.commands.forEach((_, c) => {
        expected.push(`bots[0].commandLists[${l}].commands[${c}].title`, `bots[0].commandLists[${l}].commands[${c}].description`);
      }),
    );
    expect(Object.keys(localization).filter((key) => key !== '$schema').sort()).toEqual(expected.sort());
  });
});

describe('App icons', () => {
  it('color.png is a 192×192 PNG', () => {
    const png = readPng(path.join(MANIFEST_DIR, 'color.png'));
    expect([png.width, png.height]).toEqual([192, 192]);
    expect([2, 6]).toContain(png.colorType);
  });

  it('outline.png is a 32×32 RGBA PNG made only of white and transparent pixels', () => {
    const png = readPng(path.join(MANIFEST_DIR, 'outline.png'));
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([32, 32, 8, 6]);
    let opaque = 0;
    const offenders: string[] = [];
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      if (a === 0) continue;
      if (a === 255) opaque += 1;
      if (r !== 255 || g !== 255 || b !== 255) offenders.push(`pixel ${i / 4}: ${r},${g},${b},${a}`);
    }
    expect(offenders).toEqual([]);
    expect(opaque).toBeGreaterThan(50); // something is drawn
    const corner = png.pixels.readUInt32BE(0);
    expect(corner & 0xff).toBe(0); // and the background is transparent
  });
});

describe('npm run manifest (manifest/build.js)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-manifest-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const cleanEnv = { PATH: process.env.PATH ?? '' };

  it('writes a zip with the manifest (app id filled in), both icons and the localization file', () => {
    const appId = randomUUID();
    const out = path.join(tmp, 'app.zip');
    execFileSync(process.execPath, [BUILD, '--no-env-file', '--out', out], { env: { ...cleanEnv, MICROSOFT_APP_ID: appId }, cwd: tmp, stdio: 'pipe' });
    const entries = readZip(fs.readFileSync(out));
    expect(entries.map((entry) => entry.name).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    for (const entry of entries) expect(entry.crc).toBe(crc32(entry.data));

    const packed = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')?.data.toString('utf8') ?? '{}') as Manifest;
    expect(packed.id).toBe(appId);
    expect(packed.bots[0]?.botId).toBe(appId);
    for (const icon of ['color.png', 'outline.png']) {
      expect(entries.find((entry) => entry.name === icon)?.data).toEqual(fs.readFileSync(path.join(MANIFEST_DIR, icon)));
    }
  });

  it('reads MicrosoftAppId too, and adds BOT_DOMAIN to validDomains', () => {
    const appId = randomUUID();
    const out = path.join(tmp, 'other.zip');
    execFileSync(process.execPath, [BUILD, '--no-env-file', '--out', out], {
      env: { ...cleanEnv, MicrosoftAppId: appId, BOT_DOMAIN: 'certibot.chu-exemple.fr' },
      cwd: tmp,
      stdio: 'pipe',
    });
    const packed = JSON.parse(readZip(fs.readFileSync(out)).find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '{}') as Manifest;
    expect(packed.id).toBe(appId);
    expect(packed.validDomains).toContain('certibot.chu-exemple.fr');
  });

  it.each([
    ['no app id', {}],
    ['an app id that is not a GUID', { MICROSOFT_APP_ID: 'my-bot' }],
    ['a BOT_DOMAIN that is a URL', { MICROSOFT_APP_ID: randomUUID(), BOT_DOMAIN: 'https://bot.example.org/api' }],
  ])('refuses to package with %s, and writes nothing', (_, env) => {
    const out = path.join(tmp, `refused-${randomUUID()}.zip`);
    const result = spawnSync(process.execPath, [BUILD, '--no-env-file', '--out', out], { env: { ...cleanEnv, ...env }, cwd: tmp, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/MICROSOFT_APP_ID|BOT_DOMAIN/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
