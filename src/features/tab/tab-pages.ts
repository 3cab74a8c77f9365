import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { HttpAnswer, HttpRequest } from '../../conversation/feature';
import { LOCALES, type Locale } from '../../domain/locale';
import { escapeHtml } from '../../domain/user-text';
import { plainTranslator } from '../../messages/translator';
import { PAGE_STRINGS, type PageConfig, type TabPage } from './tab-views';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * A file served compressed as the browser accepts. Compressing the Teams library at brotli's best takes a few hundred
 * milliseconds of CPU: it is done once, off the event loop (zlib's thread pool), when first asked for — never at start.
 */
class Asset {
  private gzipped: Promise<Buffer> | undefined;
  private brotlied: Promise<Buffer> | undefined;

  constructor(
    readonly type: string,
    readonly body: Buffer,
  ) {}

  gzip(): Promise<Buffer> {
    return (this.gzipped ??= gzip(this.body, { level: 9 }));
  }

  brotli(): Promise<Buffer> {
    return (this.brotlied ??= brotli(this.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}



/** Teams and its clients that may frame the tabs (the Teams app sandbox, Outlook and the Microsoft 365 app too). */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
].join(' ');

/** Scripts and styles from this server only, no inline code, no other origin; the page calls its own API. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

/** The page's own files: beside this module in the sources (tsc copies no .js nor .css into dist/). */
export function assetsDir(): string {
  const candidates = [path.join(__dirname, 'assets'), path.resolve(__dirname, '../../../../src/features/tab/assets')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'tab.js')));
  if (!found) throw new Error(`The tab's page files are missing (looked in ${candidates.join(', ')}).`);
  return found;
}

/** A name that changes with the content, so that browsers may keep a file for good. */
const hashed = (name: string, ext: string, body: Buffer) => `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`;

/** The body the client accepts: brotli, else gzip, else as is. */
async function encoded(file: Asset, request: HttpRequest, headers: Record<string, string>): Promise<HttpAnswer> {
  const accepted = (request.headers['accept-encoding'] ?? '').toLowerCase();
  const common = { 'Content-Type': file.type, Vary: 'Accept-Encoding', 'X-Content-Type-Options': 'nosniff', ...headers };
  if (/\bbr\b/.test(accepted)) return { status: 200, headers: { ...common, 'Content-Encoding': 'br' }, body: await file.brotli() };
  if (/\bgzip\b/.test(accepted)) return { status: 200, headers: { ...common, 'Content-Encoding': 'gzip' }, body: await file.gzip() };
  return { status: 200, headers: common, body: file.body };
}

/**
 * The tabs' pages and their files, built once at start: a small HTML shell per page (its words in both languages in
 * a data attribute, escaped), the page script and style sheet, and the Teams JavaScript library, each under a name
 * that changes with its content, compressed once (see Asset).
 */
export class TabPages {
  private readonly files = new Map<string, Asset>();
  private readonly pages = new Map<TabPage, Asset>();

  constructor(settings: { readonly localMode: boolean; readonly defaultLocale: Locale }) {
    const dir = assetsDir();
    const script = fs.readFileSync(path.join(dir, 'tab.js'));
    const style = fs.readFileSync(path.join(dir, 'tab.css'));
    const teams = fs.readFileSync(require.resolve('@microsoft/teams-js'));
    const scriptName = hashed('tab', 'js', script);
    const styleName = hashed('tab', 'css', style);
    const teamsName = hashed('teams-js', 'js', teams);
    this.files.set(scriptName, new Asset('text/javascript; charset=utf-8', script));
    this.files.set(styleName, new Asset('text/css; charset=utf-8', style));
    this.files.set(teamsName, new Asset('text/javascript; charset=utf-8', teams));
    const strings = Object.fromEntries(LOCALES.map((locale) => [locale, Object.fromEntries(PAGE_STRINGS.map((key) => [key, plainTranslator(locale)(key)]))])) as PageConfig['strings'];
    for (const page of ['certificates', 'team', 'team-config'] as const) {
      const config: PageConfig = {
        page,
        localMode: settings.localMode,
        defaultLocale: settings.defaultLocale,
        api: '/api/tab/v1',
        teamsJs: `/tabs/assets/${teamsName}`,
        teamTabUrl: '/tabs/team',
        strings,
      };
      const title = strings[settings.defaultLocale][page === 'certificates' ? 'list.title' : 'tab.team.title'];
      this.pages.set(page, new Asset('text/html; charset=utf-8', Buffer.from(html(config, title, `/tabs/assets/${scriptName}`, `/tabs/assets/${styleName}`))));
    }
    // The first page asked for will soon ask for the others' files: compressed ahead, in the background.
    setImmediate(() => {
      for (const file of [...this.files.values(), ...this.pages.values()]) void Promise.all([file.brotli(), file.gzip()]).catch(() => undefined);
    });
  }

  page(page: TabPage, request: HttpRequest): Promise<HttpAnswer> {
    const file = this.pages.get(page);
    if (!file) return Promise.resolve({ status: 404, body: '' });
    // Always asked again: it names the current files.
    return encoded(file, request, { 'Cache-Control': 'no-cache', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer' });
  }

  asset(name: string, request: HttpRequest): Promise<HttpAnswer> {
    const file = this.files.get(name);
    if (!file) return Promise.resolve({ status: 404, body: '' });
    return encoded(file, request, { 'Cache-Control': 'public, max-age=31536000, immutable' });
  }
}

/** The page shell: everything else is drawn by the script, with text nodes only. */
function html(config: PageConfig, title: string, script: string, style: string): string {
  const words = config.strings[config.defaultLocale];
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(config.defaultLocale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No favicon request: the tab lives inside Teams.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)} – ${escapeHtml(words['app.name'])}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(style)}">`,
    `<script src="${escapeHtml(script)}" defer></script>`,
    '</head>',
    `<body data-config="${escapeHtml(JSON.stringify(config))}">`,
    `<main id="app" aria-busy="true"><p class="muted">${escapeHtml(words['tab.loading'])}</p></main>`,
    `<noscript><p>${escapeHtml(words['tab.openInTeams'])}</p></noscript>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
