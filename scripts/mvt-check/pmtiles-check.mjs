// Reads a PMTiles archive written by controlmap (tiles/pyramid.go) with the pmtiles reader and
// compares each tile with the expected SHA-256 of its raw MVT bytes ("" for a tile the archive
// must not hold), the tile ids with zxyToTileId and the metadata's version.
//
//   node pmtiles-check.mjs ARCHIVE EXPECTED.json
//
// EXPECTED.json: {"version": N, "maxZoom": Z, "tiles": {"z/x/y": "hex" | ""}, "ids": {"z/x/y": id}}.
// Prints "N passed, N failed" and exits 1 on any failure.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { PMTiles, zxyToTileId } from 'pmtiles';

const [archive, expectedPath] = process.argv.slice(2);
const bytes = readFileSync(archive);
const want = JSON.parse(readFileSync(expectedPath, 'utf8'));
const source = {
  getKey: () => archive,
  getBytes: async (offset, length) => {
    const b = bytes.subarray(offset, offset + length);
    return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) };
  },
};
const p = new PMTiles(source);
let passed = 0, failed = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.error('FAIL', what); } };

const h = await p.getHeader();
check(h.specVersion === 3 && h.tileType === 1 && h.minZoom === 0 && h.maxZoom === want.maxZoom, `header ${JSON.stringify(h)}`);
const meta = await p.getMetadata();
check(meta['controlmap:version'] === want.version && meta.vector_layers[0].id === 'settlements', `metadata ${JSON.stringify(meta).slice(0, 200)}`);
for (const [zxy, id] of Object.entries(want.ids)) {
  const [z, x, y] = zxy.split('/').map(Number);
  check(zxyToTileId(z, x, y) === id, `tile id of ${zxy}: ${zxyToTileId(z, x, y)}, want ${id}`);
}
for (const [zxy, sum] of Object.entries(want.tiles)) {
  const [z, x, y] = zxy.split('/').map(Number);
  const got = await p.getZxy(z, x, y);
  if (!sum) { check(got === undefined, `${zxy}: a tile where none is expected`); continue; }
  const hex = got && createHash('sha256').update(new Uint8Array(got.data)).digest('hex');
  check(hex === sum, `${zxy}: ${got ? `sha256 ${hex}` : 'missing'}, want ${sum}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
