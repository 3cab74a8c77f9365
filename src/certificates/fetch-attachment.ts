import { z } from 'zod';

/** A file a user attached to a message: either a URL to download or bytes carried inline as base64. */
export interface AttachmentRef {
  readonly name: string | undefined;
  readonly contentType: string;
  readonly url: string | undefined;
  readonly inlineBase64: string | undefined;
}

/** Teams' content type for a file uploaded in a chat: `content.downloadUrl` is a short-lived, pre-authenticated URL. */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const teamsFile = z.object({
  contentType: z.literal(TEAMS_FILE_DOWNLOAD_INFO),
  name: z.string().optional(),
  content: z.object({
    downloadUrl: z.string().min(1),
    fileType: z.string().optional(),
  }),
});

const otherAttachment = z.object({
  contentType: z.string().min(1),
  name: z.string().optional(),
  contentUrl: z.string().min(1).optional(),
  content: z.unknown().optional(),
});

/** Cards (ours echoed back, connector cards, file consent and file info cards) and the HTML copy of the message. */
function isNeverAFile(contentType: string): boolean {
  const type = contentType.toLowerCase();
  return type.startsWith('application/vnd.microsoft.') || type.startsWith('text/html');
}

const DATA_URL = /^data:([^,]*?),([\s\S]*)$/i;
const BASE64_TEXT = /^[A-Za-z0-9+/_\-\s]+={0,2}\s*$/;
const PEM_TEXT = /-----BEGIN [A-Z0-9 ]+-----/;

/** A data: URL's payload as base64, whether it was base64 already or percent-encoded text. */
function dataUrlBase64(url: string): string | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  const [, meta = '', payload = ''] = match;
  if (/;base64$/i.test(meta.trim())) return payload;
  try {
    return Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  } catch {
    return undefined;
  }
}

/** Inline `content`: base64 as such, and PEM text (which some clients send as is) re-encoded as base64. */
function contentBase64(content: unknown): string | undefined {
  if (typeof content !== 'string' || content.trim() === '') return undefined;
  if (PEM_TEXT.test(content)) return Buffer.from(content, 'utf8').toString('base64');
  return BASE64_TEXT.test(content) ? content : undefined;
}

function refOf(attachment: unknown): AttachmentRef | undefined {
  const file = teamsFile.safeParse(attachment);
  if (file.success) {
    const { name, contentType, content } = file.data;
    return { name, contentType, url: content.downloadUrl, inlineBase64: undefined };
  }
  const other = otherAttachment.safeParse(attachment);
  if (!other.success || isNeverAFile(other.data.contentType)) return undefined;
  const { name, contentType, contentUrl, content } = other.data;
  if (contentUrl?.toLowerCase().startsWith('data:')) {
    const inlineBase64 = dataUrlBase64(contentUrl);
    return inlineBase64 === undefined ? undefined : { name, contentType, url: undefined, inlineBase64 };
  }
  if (contentUrl !== undefined) return { name, contentType, url: contentUrl, inlineBase64: undefined };
  const inlineBase64 = contentBase64(content);
  return inlineBase64 === undefined ? undefined : { name, contentType, url: undefined, inlineBase64 };
}

/**
 * The attachments of a Bot Framework activity that may be a certificate file: Teams file uploads and inline files
 * (data: URLs, URLs, base64 content). Cards, the message's HTML copy and anything malformed are left out.
 */
export function certificateAttachments(attachments: unknown): AttachmentRef[] {
  if (!Array.isArray(attachments)) return [];
  return attachments.flatMap((attachment) => refOf(attachment) ?? []);
}

/** What a download may do: which hosts it may reach, how many bytes it may read, how long it may take. */
export interface FetchPolicy {
  readonly allowedHosts: (host: string) => boolean;
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export type FetchFailure = 'host-not-allowed' | 'too-large' | 'download-failed' | 'timeout';
export type FetchResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: FetchFailure };

const PRODUCTION_HOST_SUFFIXES = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-df.com'];

/**
 * The hosts certibot may download attachments from. Local mode (the Bot Framework Emulator): only the activity's
 * serviceUrl host, port included. Production: that host and SharePoint/OneDrive, where Teams keeps uploaded files.
 */
export function allowedHostsFor(serviceUrl: string, localMode: boolean): (host: string) => boolean {
  let serviceHost: string;
  try {
    serviceHost = new URL(serviceUrl).host.toLowerCase();
  } catch {
    return () => false;
  }
  if (serviceHost === '') return () => false;
  if (localMode) return (host) => host.toLowerCase() === serviceHost;
  return (host) => {
    const candidate = host.toLowerCase();
    return candidate === serviceHost || PRODUCTION_HOST_SUFFIXES.some((suffix) => candidate.endsWith(suffix));
  };
}

const MAX_REDIRECTS = 3;

function failed(reason: FetchFailure): FetchResult {
  return { ok: false, reason };
}

/** Inline base64 obeys the same byte limit as a download, checked before decoding. */
function decodeInline(base64: string, maxBytes: number): FetchResult {
  const compact = base64.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if (Math.floor((compact.length * 3) / 4) - padding > maxBytes) return failed('too-large');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.length % 4 === 1) return failed('download-failed');
  const bytes = Buffer.from(compact, 'base64');
  return bytes.length > maxBytes ? failed('too-large') : { ok: true, bytes };
}

/** A URL certibot may request: http(s) to an allowed host. */
function permittedUrl(url: URL, policy: FetchPolicy): boolean {
  return (url.protocol === 'https:' || url.protocol === 'http:') && policy.allowedHosts(url.host);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Reads a body chunk by chunk and stops as soon as it exceeds `maxBytes`, without waiting for the rest. */
async function readLimited(response: Response, maxBytes: number): Promise<FetchResult> {
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await discard(response);
    return failed('too-large');
  }
  if (!response.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return failed('too-large');
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

async function download(start: URL, policy: FetchPolicy, signal: AbortSignal): Promise<FetchResult> {
  let url = start;
  for (let redirects = 0; ; redirects += 1) {
    const response = await fetch(url, { redirect: 'manual', signal, headers: { accept: '*/*' } });
    if (response.status >= 300 && response.status < 400) {
      await discard(response);
      const location = response.headers.get('location');
      if (location === null || redirects >= MAX_REDIRECTS) return failed('download-failed');
      const next = new URL(location, url);
      // A redirect may move within the host (never down to http), not to another one.
      const downgrade = url.protocol === 'https:' && next.protocol !== 'https:';
      if (next.host !== url.host || downgrade || !permittedUrl(next, policy)) return failed('host-not-allowed');
      url = next;
      continue;
    }
    if (!response.ok) {
      await discard(response);
      return failed('download-failed');
    }
    return readLimited(response, policy.maxBytes);
  }
}

/**
 * Downloads an attachment's bytes within a policy: allowed hosts only, no redirect to another host, at most
 * `maxBytes` read (a bigger body is abandoned, not buffered), all within `timeoutMs`.
 */
export async function fetchAttachmentBytes(ref: AttachmentRef, policy: FetchPolicy): Promise<FetchResult> {
  if (ref.inlineBase64 !== undefined) return decodeInline(ref.inlineBase64, policy.maxBytes);
  if (ref.url === undefined) return failed('download-failed');
  let url: URL;
  try {
    url = new URL(ref.url);
  } catch {
    return failed('download-failed');
  }
  if (!permittedUrl(url, policy)) return failed('host-not-allowed');

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, policy.timeoutMs);
  try {
    return await download(url, policy, controller.signal);
  } catch {
    return failed(timedOut ? 'timeout' : 'download-failed');
  } finally {
    clearTimeout(timer);
    controller.abort(); // releases a connection left half-read; harmless once the body is consumed
  }
}
