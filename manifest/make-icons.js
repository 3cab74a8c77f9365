#!/usr/bin/env node
// Draws the Teams app icons: a shield with a check mark (a certificate that is valid).
//   color.png   192×192, full colour: white shield and green check on the accent blue.
//   outline.png  32×32, white strokes on a transparent background (Teams tints it).
// Plain Node (zlib only), so the PNGs can be regenerated anywhere: `node manifest/make-icons.js`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ACCENT = [0x0b, 0x53, 0x94]; // #0B5394, the manifest's accentColor
const GREEN = [0x2e, 0x9d, 0x5b];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as PNG chunks and zip entries use it. */
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes each) as a PNG (colour type 6, no interlace). */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- Shapes, in a unit square (0..1, y down) --------------------------------------------------------------------

/** A shield: straight sides down to `shoulder`, then curving in to a point at `bottom`. */
function shield(top, bottom, halfWidth, cx = 0.5) {
  const shoulder = top + (bottom - top) * 0.42;
  return (x, y) => {
    if (y < top || y > bottom) return false;
    if (y <= shoulder) return Math.abs(x - cx) <= halfWidth;
    const u = (y - shoulder) / (bottom - shoulder);
    return Math.abs(x - cx) <= halfWidth * (1 - u * u);
  };
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A check mark through three points, with round ends. */
function check(points, thickness) {
  return (x, y) => {
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      if (distanceToSegment(x, y, ax, ay, bx, by) <= thickness / 2) return true;
    }
    return false;
  };
}

/**
 * Renders layers (back to front) with 8×8 supersampling. A layer is { inside(x, y), color } or, for a transparent
 * background, nothing at all. Colours are composited "over" in straight alpha.
 */
function render(size, background, layers) {
  const samples = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let color = background;
          for (const layer of layers) if (layer.inside(x, y)) color = layer.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const offset = (py * size + px) * 4;
      const coverage = a / (samples * samples);
      rgba[offset] = a ? Math.round(r / a) : 0;
      rgba[offset + 1] = a ? Math.round(g / a) : 0;
      rgba[offset + 2] = a ? Math.round(b / a) : 0;
      rgba[offset + 3] = Math.round(coverage * 255);
    }
  }
  return rgba;
}

/** The colour icon: the shield sits inside Teams' 120 px safe area of the 192 px square. */
function colorIcon() {
  const outer = shield(0.2, 0.82, 0.27);
  const mark = check(
    [
      [0.38, 0.5],
      [0.47, 0.6],
      [0.64, 0.39],
    ],
    0.075,
  );
  return encodePng(192, 192, render(192, ACCENT, [
    { inside: outer, color: WHITE },
    { inside: mark, color: GREEN },
  ]));
}

/** The outline icon: shield stroke and check mark in white, everything else fully transparent. */
function outlineIcon() {
  const outer = shield(0.06, 0.95, 0.4);
  const inner = shield(0.06 + 0.085, 0.95 - 0.14, 0.4 - 0.085);
  const stroke = (x, y) => outer(x, y) && !inner(x, y);
  const mark = check(
    [
      [0.32, 0.44],
      [0.45, 0.58],
      [0.69, 0.31],
    ],
    0.1,
  );
  return encodePng(32, 32, render(32, undefined, [
    { inside: stroke, color: WHITE },
    { inside: mark, color: WHITE },
  ]));
}

function main() {
  const dir = __dirname;
  fs.writeFileSync(path.join(dir, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${path.join(dir, 'color.png')} and ${path.join(dir, 'outline.png')}`);
}

module.exports = { crc32, encodePng };

if (require.main === module) main();
