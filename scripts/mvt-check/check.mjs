// Decodes controlmap's golden vector tiles with @mapbox/vector-tile and compares every feature
// with the summary that orb's decoder wrote beside it (NAME.mvt and NAME.json); checks the
// settlements layer against the period-feature contract (docs/CONTRACT.md); and validates the
// MapLibre style (style.json) with @maplibre/maplibre-gl-style-spec.
//
//   node check.mjs ../../tiles/testdata
//
// Prints "N passed, N failed" and exits 1 on any failure.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';

const dir = process.argv[2] || '../../tiles/testdata';
let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.error('FAIL', what);
  }
}

const REQUIRED = ['sid', 'district', 'rank', 'from', 'to', 'controller', 'status', 'kind',
  'disputed_by', 'changing', 'previous', 'next'];
// Names from the zoom a settlement is labelled at, change ids and since from zoom 12, the timeline "t" on
// the open-ended period of an undated tile (docs/CONTRACT.md).
const OPTIONAL = ['name', 'name_en', 'name_az', 'name_hy', 'name_ru', 'change', 'since', 't'];

function checkSettlement(f, where) {
  const keys = Object.keys(f.properties);
  check(REQUIRED.every((k) => keys.includes(k)), `${where}: missing properties in ${keys}`);
  check(keys.every((k) => REQUIRED.includes(k) || OPTIONAL.includes(k)), `${where}: unknown properties in ${keys}`);
  check(Number.isInteger(f.properties.from) && Number.isInteger(f.properties.to) && f.properties.from < f.properties.to, `${where}: from/to`);
  check([1, 2, 3].includes(f.properties.rank), `${where}: rank ${f.properties.rank}`);
  check(['', 'confirmed', 'claimed', 'disputed'].includes(f.properties.status), `${where}: status`);
  check(typeof f.properties.changing === 'boolean', `${where}: changing ${f.properties.changing} is not a boolean`);
  check(f.properties.changing ? f.properties.controller === '' && f.properties.next !== '' : f.properties.next === '' && f.properties.previous === '',
    `${where}: changing, controller, previous and next disagree`);
  check(f.type === 1, `${where}: not a point`);
  if ('t' in f.properties) {
    const [actors, runs] = f.properties.t.split('|');
    const last = runs.split(';').at(-1).split(',');
    check(f.properties.to === 2147483647 && Number(last[0] || -2147483648) === f.properties.from, `${where}: t ends with the period ${last}`);
    check((actors ? actors.split(',') : [])[Number(last[1])] === (f.properties.controller || undefined), `${where}: t controller ${last[1]} of ${actors}`);
  }
}

function checkTile(name) {
  const tile = new VectorTile(new PbfReader(readFileSync(join(dir, name + '.mvt'))));
  const want = JSON.parse(readFileSync(join(dir, name + '.json'), 'utf8'));
  check(JSON.stringify(Object.keys(tile.layers)) === JSON.stringify(want.layers.map((l) => l.name)), `${name}: layers ${Object.keys(tile.layers)}`);
  for (const wl of want.layers) {
    const layer = tile.layers[wl.name];
    if (!layer) continue;
    check(layer.length === wl.features.length, `${name}/${wl.name}: ${layer.length} features, want ${wl.features.length}`);
    for (let i = 0; i < Math.min(layer.length, wl.features.length); i++) {
      const f = layer.feature(i);
      const w = wl.features[i];
      const where = `${name}/${wl.name}#${i}`;
      check((f.id ?? null) === w.id, `${where}: id ${f.id}, want ${w.id}`);
      check(f.type === w.type, `${where}: type ${f.type}, want ${w.type}`);
      check(JSON.stringify(sorted(f.properties)) === JSON.stringify(sorted(w.properties)), `${where}: properties ${JSON.stringify(f.properties)}, want ${JSON.stringify(w.properties)}`);
      const first = f.loadGeometry()[0][0];
      check(first.x === w.first[0] && first.y === w.first[1], `${where}: first point ${first.x},${first.y}, want ${w.first}`);
      if (wl.name === 'settlements') checkSettlement(f, where);
    }
  }
}

function sorted(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function checkStyle() {
  const style = JSON.parse(readFileSync(join(dir, 'style.json'), 'utf8'));
  const errors = validateStyleMin(style);
  for (const e of errors) console.error('style:', e.message);
  check(errors.length === 0, `style.json: ${errors.length} validation errors`);
}

const names = readdirSync(dir).filter((f) => f.endsWith('.mvt')).map((f) => f.slice(0, -4)).sort();
check(names.length > 0, `no .mvt files in ${dir}`);
names.forEach(checkTile);
checkStyle();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
