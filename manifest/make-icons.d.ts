/** Types of what manifest/make-icons.js (plain Node) exports: the PNG encoder the tests draw icons with. */
export function crc32(buffer: Buffer): number;
export function encodePng(width: number, height: number, rgba: Buffer): Buffer;
