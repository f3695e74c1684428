// Decodes controlmap's golden vector tiles with @mapbox/vector-tile and compares every feature
// with the summary that orb's decoder wrote beside it (NAME.mvt and NAME.json); checks the
// settlements layer against the period-feature contract (docs/CONTRACT.md); and validates the
// MapLibre styles (style*.json) with @maplibre/maplibre-gl-style-spec, then evaluates each
// style's settlement filter and colours on the golden tiles' period features, as MapLibre would.
//
//   node check.mjs ../../tiles/testdata
//
// Prints "N passed, N failed" and exits 1 on any failure.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { validateStyleMin, featureFilter, createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';

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
const OPTIONAL = ['name', 'name_en', 'name_az', 'name_hy', 'name_ru', 'change', 'since', 't', 'abandoned'];

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
  check(!('abandoned' in f.properties) || f.properties.abandoned === true, `${where}: abandoned is sent only as true`);
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

// checkStyle validates a style; its settlement filter must keep exactly one period of each
// settlement of the undated golden tiles, and colour it by its controller's actor colour.
function checkStyle(file, periods) {
  const style = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const errors = validateStyleMin(style);
  for (const e of errors) console.error(`${file}:`, e.message);
  check(errors.length === 0, `${file}: ${errors.length} validation errors`);
  const dots = style.layers.find((l) => l.id === 'settlements');
  check(dots && dots.source === 'settlements', `${file}: no settlements layer`);
  if (!dots || errors.length) return;
  const day = dots.filter[1][2];
  const keep = featureFilter(dots.filter, `${file}/settlements/filter`);
  const color = createPropertyExpression(dots.paint['circle-color'], `${file}/settlements/paint/circle-color`, latest.paint_circle['circle-color']);
  check(color.result === 'success', `${file}: circle-color does not compile`);
  const colors = actorColors(dots.paint['circle-color']);
  const shown = new Map();
  for (const f of periods) {
    if (!keep.filter({ zoom: 10 }, f)) continue;
    check(f.properties.from <= day && day < f.properties.to, `${file}: ${f.properties.sid} shown outside its period`);
    shown.set(f.properties.sid, (shown.get(f.properties.sid) || 0) + 1);
    const p = f.properties;
    // A changing place is filled in the outgoing side's colour (ringed in the incoming side's).
    const want = p.status === 'claimed' ? '#ffffff' : (colors[p.changing ? p.previous : p.controller] || '#9e9e9e');
    const got = color.value.evaluate({ zoom: 10 }, f);
    check(hex(got) === want, `${file}: ${p.sid} drawn ${hex(got)}, want ${want}`);
    if (p.changing) {
      const ring = createPropertyExpression(dots.paint['circle-stroke-color'], `${file}/settlements/paint/circle-stroke-color`, latest.paint_circle['circle-stroke-color']);
      check(hex(ring.value.evaluate({ zoom: 10 }, f)) === colors[p.next], `${file}: ${p.sid} is changing but not ringed in ${p.next}'s colour`);
    }
  }
  const sids = new Set(periods.map((f) => f.properties.sid));
  check(sids.size > 0 && [...sids].every((sid) => shown.get(sid) === 1), `${file}: day ${day} shows ${JSON.stringify([...shown])} of ${[...sids]}`);
}

// actorColors reads the actor colours out of the style's circle-color (a case ending on the
// controller's match, or one colour when there are no actors).
function actorColors(expr) {
  const m = JSON.stringify(expr).match(/\["match",\["coalesce",\["get","controller"\],""\],([^\]]*)\]/);
  if (!m) return {};
  const list = JSON.parse(`[${m[1]}]`);
  return Object.fromEntries(list.slice(0, -1).flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]]])));
}

function hex(c) {
  const to = (v) => Math.round(v * 255).toString(16).padStart(2, '0');
  return `#${to(c.r)}${to(c.g)}${to(c.b)}`;
}

// undatedPeriods are the period features of the golden tiles cut for every date.
function undatedPeriods(names) {
  const out = [];
  for (const name of names.filter((n) => n.startsWith('settlements-') && !/\d{4}-\d\d-\d\d$/.test(n))) {
    const layer = new VectorTile(new PbfReader(readFileSync(join(dir, name + '.mvt')))).layers.settlements;
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      out.push({ type: f.type, properties: f.properties, id: f.id });
    }
  }
  const seen = new Set();
  return out.filter((f) => !seen.has(f.id) && seen.add(f.id));
}

const names = readdirSync(dir).filter((f) => f.endsWith('.mvt')).map((f) => f.slice(0, -4)).sort();
check(names.length > 0, `no .mvt files in ${dir}`);
names.forEach(checkTile);
const styles = readdirSync(dir).filter((f) => /^style.*\.json$/.test(f)).sort();
check(styles.length > 0, `no style*.json in ${dir}`);
const periods = undatedPeriods(names);
styles.forEach((f) => checkStyle(f, periods));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
