import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { fillManifest, outlineProblem, readPng } from '../../manifest/build';
import { encodePng } from '../../manifest/make-icons';
import { CERTIFICATES_TAB } from '../../src/domain/tab-link';

// @microsoft/app-manifest requires strip-bom@5, an ES module that Jest on Node 20 cannot require; only its file
// readers use it, and this test reads files itself.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const MANIFEST_DIR = path.resolve(__dirname, '../../manifest');
const BUILD = path.join(MANIFEST_DIR, 'build.js');
const VERSION = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description: string }>;
}
interface Manifest {
  $schema: string;
  id: string;
  version: string;
  icons: { color: string; outline: string };
  bots: Array<{ botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: CommandList[] }>;
  staticTabs: Array<{ entityId: string; name?: string; contentUrl?: string; scopes: string[] }>;
  configurableTabs: Array<{ configurationUrl: string; canUpdateConfiguration: boolean; scopes: string[]; context: string[] }>;
  webApplicationInfo: { id: string; resource: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
  validDomains: string[];
}
interface LocalizationSchema {
  properties: Record<string, { maxLength?: number }>;
  patternProperties: Record<string, { maxLength?: number }>;
}

/** Ids and host of one deployment: the Teams app, the bot, and where certibot is reached. */
const ids = () => ({ TEAMS_APP_ID: randomUUID(), BOT_ID: randomUUID(), SSO_APP_ID: randomUUID(), DOMAIN: 'certibot.chu-exemple.fr', VERSION });
const rawManifest = (): string => fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const manifestFor = (values: Readonly<Record<string, string>> = ids()): Manifest => fillManifest(rawManifest(), values) as Manifest;

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

/** Reads a PNG as build.js does; a test failure names the file. */
function png(file: string) {
  const read = readPng(fs.readFileSync(file));
  if (!read) throw new Error(`${file} is not a PNG`);
  return read;
}

describe('Teams app manifest', () => {
  it('is valid against the bundled v1.22 schema once its ids, host and version are filled in', async () => {
    const manifest = manifestFor();
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);
    expect(errors).toEqual([]);
  });

  it("keeps the Teams app's id and the bot's apart, and takes its version from package.json", () => {
    const manifest = JSON.parse(rawManifest()) as Manifest;
    expect([manifest.id, manifest.bots[0]?.botId, manifest.version]).toEqual(['{{TEAMS_APP_ID}}', '{{BOT_ID}}', '{{VERSION}}']);
  });

  it('declares one bot for personal chats, teams and group chats, which accepts files', () => {
    const bot = manifestFor().bots[0];
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.supportsFiles).toBe(true);
  });

  it('lists its commands in French first, for every scope it is installed in, at most 10 a list', () => {
    const lists = manifestFor().bots[0]?.commandLists ?? [];
    const titles = (scope: string) => lists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands.map((c) => c.title));
    expect(titles('personal')).toEqual(expect.arrayContaining(['aide', 'mes certificats', 'supprime mes données']));
    expect(titles('team')).toEqual(expect.arrayContaining(['aide', 'rappels ici']));
    expect(titles('groupChat')).toEqual(expect.arrayContaining(['aide', 'rappels ici']));
    for (const list of lists) expect(list.commands.length).toBeLessThanOrEqual(10);
  });

  it('pins « Mes certificats » beside the chat, offers the team tab to channels, and asks for Teams SSO on its host', () => {
    const values = ids();
    const manifest = manifestFor(values);
    expect(manifest.staticTabs).toEqual([
      { entityId: CERTIFICATES_TAB, name: 'Mes certificats', contentUrl: `https://${values.DOMAIN}/tabs/certificates`, scopes: ['personal'] },
      { entityId: 'conversations', scopes: ['personal'] },
      { entityId: 'about', scopes: ['personal'] },
    ]);
    expect(manifest.configurableTabs).toEqual([
      { configurationUrl: `https://${values.DOMAIN}/tabs/team/config`, canUpdateConfiguration: true, scopes: ['team'], context: ['channelTab'] },
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: values.SSO_APP_ID, resource: `api://${values.DOMAIN}/${values.SSO_APP_ID}` });
    expect(manifest.validDomains).toEqual([values.DOMAIN, 'token.botframework.com']);
  });

  it('is written in fr-FR and ships an English localization file next to it', () => {
    const { localizationInfo } = manifestFor();
    expect(localizationInfo.defaultLanguageTag).toBe('fr-FR');
    const english = localizationInfo.additionalLanguages.find((language) => /^en(-|$)/i.test(language.languageTag));
    expect(english).toBeDefined();
    expect(fs.existsSync(path.join(MANIFEST_DIR, english?.file ?? 'missing'))).toBe(true);
  });
});

describe('English localization file', () => {
  const manifest = manifestFor();
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

  it.each(files)("%s translates exactly the manifest's names, descriptions, commands and tab names", (file) => {
    const localization = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8')) as Record<string, string>;
    const expected = ['name.short', 'name.full', 'description.short', 'description.full'];
    manifest.bots[0]?.commandLists.forEach((list, l) =>
      list.commands.forEach((_, c) => {
        expected.push(`bots[0].commandLists[${l}].commands[${c}].title`, `bots[0].commandLists[${l}].commands[${c}].description`);
      }),
    );
    manifest.staticTabs.forEach((tab, t) => {
      if (tab.name) expected.push(`staticTabs[${t}].name`);
    });
    expect(Object.keys(localization).filter((key) => key !== '$schema').sort()).toEqual(expected.sort());
  });
});

describe('App icons', () => {
  it('color.png is a 192×192 PNG', () => {
    const color = png(path.join(MANIFEST_DIR, 'color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([2, 6]).toContain(color.colorType);
  });

  it('outline.png is a 32×32 RGBA PNG made only of white and transparent pixels', () => {
    const outline = png(path.join(MANIFEST_DIR, 'outline.png'));
    expect([outline.width, outline.height, outline.bitDepth, outline.colorType]).toEqual([32, 32, 8, 6]);
    expect(outlineProblem(outline)).toBeUndefined();
    let opaque = 0;
    for (let i = 3; i < (outline.pixels?.length ?? 0); i += 4) if (outline.pixels?.[i] === 255) opaque += 1;
    expect(opaque).toBeGreaterThan(50); // something is drawn
    expect(outline.pixels?.readUInt32BE(0)).toBe(0); // on a transparent ground
  });

  it('an outline with a coloured pixel, or with no transparent one, is refused, and says which pixel', () => {
    const white = Buffer.alloc(2 * 2 * 4, 255);
    const withHole = Buffer.from(white);
    withHole.writeUInt32BE(0, 0);
    expect(outlineProblem({ width: 2, height: 2, bitDepth: 8, colorType: 6, pixels: withHole })).toBeUndefined();
    const tinted = Buffer.from(withHole);
    tinted.writeUInt32BE(0x0b5394ff, 4);
    expect(outlineProblem({ width: 2, height: 2, bitDepth: 8, colorType: 6, pixels: tinted })).toBe('must be white on transparent: pixel 1,0 is rgba(11, 83, 148, 255)');
    expect(outlineProblem({ width: 2, height: 2, bitDepth: 8, colorType: 6, pixels: white })).toBe('must be white on transparent: no pixel is transparent');
    expect(outlineProblem({ width: 2, height: 2, bitDepth: 8, colorType: 2, pixels: undefined })).toBe('must be an 8-bit RGBA PNG (white on transparent)');
  });

  it('the PNG reader undoes every filter type (none, sub, up, average, Paeth), as other encoders use them', () => {
    // A 2×3 RGBA image; row y is filtered with type y (0 to 2), then two more rows with types 3 and 4.
    const rows = [
      [10, 20, 30, 255, 40, 50, 60, 255],
      [70, 80, 90, 255, 100, 110, 120, 255],
      [130, 140, 150, 0, 160, 170, 180, 0],
      [1, 2, 3, 4, 5, 6, 7, 8],
      [200, 201, 202, 203, 250, 251, 252, 253],
    ];
    const paeth = (a: number, b: number, c: number) => {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    };
    const filtered = rows.flatMap((row, y) => [
      y,
      ...row.map((value, x) => {
        const left = x >= 4 ? (row[x - 4] ?? 0) : 0;
        const up = y > 0 ? (rows[y - 1]?.[x] ?? 0) : 0;
        const upLeft = x >= 4 && y > 0 ? (rows[y - 1]?.[x - 4] ?? 0) : 0;
        return (value - ([0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][y] ?? 0) + 256) & 0xff;
      }),
    ]);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(2, 0);
    header.writeUInt32BE(rows.length, 4);
    header.set([8, 6, 0, 0, 0], 8);
    // Length, type, data, then a CRC the reader does not check.
    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
    };
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const file = Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.from(filtered)))]);
    expect([...(readPng(file)?.pixels ?? [])]).toEqual(rows.flat());
  });
});

describe('npm run package (manifest/build.js; npm run manifest is the same)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'certibot-manifest-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const cleanEnv = { PATH: process.env.PATH ?? '' };
  const deployment = () => ({ TEAMS_APP_ID: randomUUID(), MICROSOFT_APP_ID: randomUUID(), BOT_DOMAIN: 'certibot.chu-exemple.fr' });
  const build = (env: Readonly<Record<string, string>>, ...args: string[]) =>
    spawnSync(process.execPath, [BUILD, '--no-env-file', ...args], { env: { ...cleanEnv, ...env }, cwd: tmp, encoding: 'utf8' });
  /** A copy of manifest/ to break on purpose. */
  const source = (change: (manifest: string) => string): string => {
    const dir = fs.mkdtempSync(path.join(tmp, 'source-'));
    for (const file of fs.readdirSync(MANIFEST_DIR)) fs.copyFileSync(path.join(MANIFEST_DIR, file), path.join(dir, file));
    fs.writeFileSync(path.join(dir, 'manifest.json'), change(rawManifest()));
    return dir;
  };

  it('writes appPackage.zip: the manifest (ids, host and version filled in), both icons and the localization file', () => {
    const env = deployment();
    const out = path.join(tmp, 'appPackage.zip');
    const result = build(env, '--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Teams app ${env.TEAMS_APP_ID} version ${VERSION}, bot ${env.MICROSOFT_APP_ID}`);
    const entries = readZip(fs.readFileSync(out));
    expect(entries.map((entry) => entry.name).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    for (const entry of entries) expect(entry.crc).toBe(crc32(entry.data));

    const packed = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')?.data.toString('utf8') ?? '{}') as Manifest;
    expect([packed.id, packed.bots[0]?.botId, packed.version]).toEqual([env.TEAMS_APP_ID, env.MICROSOFT_APP_ID, VERSION]);
    expect(packed.webApplicationInfo).toEqual({ id: env.MICROSOFT_APP_ID, resource: `api://certibot.chu-exemple.fr/${env.MICROSOFT_APP_ID}` });
    expect(packed.staticTabs[0]?.contentUrl).toBe('https://certibot.chu-exemple.fr/tabs/certificates');
    for (const icon of ['color.png', 'outline.png']) {
      expect(entries.find((entry) => entry.name === icon)?.data).toEqual(fs.readFileSync(path.join(MANIFEST_DIR, icon)));
    }
  });

  it('reads MicrosoftAppId and PUBLIC_BASE_URL as in .env, and TAB_SSO_APP_ID for the SSO app registration', () => {
    const env = { TEAMS_APP_ID: randomUUID(), MicrosoftAppId: randomUUID(), PUBLIC_BASE_URL: 'https://certibot.ght-exemple.fr', TAB_SSO_APP_ID: randomUUID(), MicrosoftAppType: 'UserAssignedMSI' };
    const out = path.join(tmp, 'other.zip');
    execFileSync(process.execPath, [BUILD, '--no-env-file', '--out', out], { env: { ...cleanEnv, ...env }, cwd: tmp, stdio: 'pipe' });
    const packed = JSON.parse(readZip(fs.readFileSync(out)).find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '{}') as Manifest;
    expect(packed.bots[0]?.botId).toBe(env.MicrosoftAppId);
    expect(packed.validDomains).toContain('certibot.ght-exemple.fr');
    expect(packed.webApplicationInfo.id).toBe(env.TAB_SSO_APP_ID);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no Teams app id', { MICROSOFT_APP_ID: randomUUID(), BOT_DOMAIN: 'certibot.chu-exemple.fr' }, /Set TEAMS_APP_ID to the Teams app's own id/],
    ['the bot id as the Teams app id', (() => { const id = randomUUID(); return { TEAMS_APP_ID: id, MICROSOFT_APP_ID: id.toUpperCase(), BOT_DOMAIN: 'certibot.chu-exemple.fr' }; })(), /TEAMS_APP_ID must differ/],
    ['no bot id', { TEAMS_APP_ID: randomUUID(), BOT_DOMAIN: 'certibot.chu-exemple.fr' }, /MICROSOFT_APP_ID/],
    ['a bot id that is not a GUID', { TEAMS_APP_ID: randomUUID(), MICROSOFT_APP_ID: 'my-bot', BOT_DOMAIN: 'certibot.chu-exemple.fr' }, /"my-bot" is not a GUID/],
    ['no host for the tabs', { TEAMS_APP_ID: randomUUID(), MICROSOFT_APP_ID: randomUUID() }, /Set BOT_DOMAIN \(or PUBLIC_BASE_URL\)/],
    ['a BOT_DOMAIN that is a URL', { ...{ TEAMS_APP_ID: randomUUID(), MICROSOFT_APP_ID: randomUUID() }, BOT_DOMAIN: 'https://bot.example.org/api' }, /BOT_DOMAIN/],
    ['a managed identity and no SSO app registration', { TEAMS_APP_ID: randomUUID(), MICROSOFT_APP_ID: randomUUID(), BOT_DOMAIN: 'certibot.chu-exemple.fr', MicrosoftAppType: 'UserAssignedMSI' }, /TAB_SSO_APP_ID/],
  ])('refuses to package with %s, says what to set, and writes nothing', (_, env, message) => {
    const out = path.join(tmp, `refused-${randomUUID()}.zip`);
    const result = build(env, '--out', out);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a manifest the schema refuses, with the schema's own messages", () => {
    const broken = source((text) => text.replace('"canUpdateConfiguration": true', '"canUpdateConfiguration": "yes"').replace('"#0B5394"', '"blue"'));
    const out = path.join(tmp, 'broken.zip');
    const result = build(deployment(), '--source', broken, '--out', out);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('/configurableTabs/0/canUpdateConfiguration must be boolean');
    expect(result.stderr).toContain('/accentColor must match pattern');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses more than 10 commands in a list', () => {
    const eleven = source((text) => {
      const manifest = JSON.parse(text) as Manifest;
      const list = manifest.bots[0]?.commandLists[0];
      if (list) list.commands = Array.from({ length: 11 }, (_, i) => ({ title: `commande ${i}`, description: 'Une commande.' }));
      return JSON.stringify(manifest);
    });
    const result = build(deployment(), '--source', eleven, '--out', path.join(tmp, 'eleven.zip'));
    expect(result.stderr).toContain('command list 1 has 11 commands; Teams shows 10 at most.');
  });

  it('refuses an outline icon that is not white on transparent, naming a pixel', () => {
    const coloured = source((text) => text);
    const accent = Buffer.alloc(32 * 32 * 4);
    for (let i = 4; i < accent.length; i += 4) accent.writeUInt32BE(0x0b5394ff, i);
    fs.writeFileSync(path.join(coloured, 'outline.png'), encodePng(32, 32, accent));
    const result = build(deployment(), '--source', coloured, '--out', path.join(tmp, 'coloured.zip'));
    expect(result.stderr).toContain('outline.png must be white on transparent: pixel 1,0 is rgba(11, 83, 148, 255)');
  });
});
