/** Types of what manifest/build.js (plain Node, run by `npm run package`) exports for its tests. */

/** A PNG's header and, for 8-bit RGBA, its unfiltered pixels (RGBA rows). */
export interface Png {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly pixels: Buffer | undefined;
}

export interface PackageSettings {
  readonly teamsAppId: string;
  readonly botId: string;
  readonly ssoAppId?: string;
  readonly appType?: string;
  readonly domain: string;
  readonly version: string;
  readonly sourceDir?: string;
}

export function readPng(data: Buffer): Png | undefined;
export function pngSize(data: Buffer): { width: number; height: number } | undefined;
export function outlineProblem(png: Png): string | undefined;
export function fillManifest(raw: string, values: Readonly<Record<string, string>>): unknown;
export function createZip(entries: ReadonlyArray<{ readonly name: string; readonly data: Buffer }>): Buffer;
export function packageEntries(settings: PackageSettings): { manifest: unknown; entries: Array<{ name: string; data: Buffer }> };
export function localizationErrors(localization: Record<string, unknown>, schema: unknown): string[];
