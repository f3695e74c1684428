// Run with: node --test web/static/js/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeline } from '../timeline.js';
import { PeriodStore, isStatusEvent, controllerBefore } from '../store.js';

const OPEN_START = -2147483648, OPEN_END = 2147483647;

// Aghdam as tiles.TimelineProp packs it (tiles/timeline_test.go writes the same string):
// unknown, Armenian forces from 1993-07, changing from 2020-09-27 to Azerbaijan, Azerbaijan
// from 2020-11-10, disputed by Armenian forces from 12 Nov, confirmed from 20 Nov.
const AGHDAM = 'armenian-forces,azerbaijan|;8582,0,c,,,,,1993-07;18532,,c,1,0,,,2020-09-27/2020-11-10;18576,1,c,,,,,2020-09-27/2020-11-10;18578,1,d,,,0,1;18586,1,c,,,,1';

test('parseTimeline unpacks every period, with its end where the next begins', () => {
  const ps = parseTimeline(AGHDAM);
  assert.deepEqual(ps.map((p) => [p.from, p.to]), [[OPEN_START, 8582], [8582, 18532], [18532, 18576], [18576, 18578], [18578, 18586], [18586, OPEN_END]]);
  assert.deepEqual(ps.map((p) => p.controller), ['', 'armenian-forces', '', 'azerbaijan', 'azerbaijan', 'azerbaijan']);
  assert.deepEqual(ps.map((p) => p.status), ['', 'confirmed', 'confirmed', 'confirmed', 'disputed', 'confirmed']);
  assert.deepEqual(ps[2], { from: 18532, to: 18576, controller: '', status: 'confirmed', changing: true, next: 'azerbaijan', previous: 'armenian-forces', disputed_by: '', change: '#3', since: '2020-09-27/2020-11-10' });
  assert.equal(ps[4].disputed_by, 'armenian-forces');
  // A status event keeps the change in force and its written date.
  assert.equal(ps[4].change, ps[3].change);
  assert.equal(ps[5].since, '2020-09-27/2020-11-10');
  assert.equal(ps[0].change, '');
});

test('parseTimeline writes the day of a change whose date is the from day', () => {
  const [, p] = parseTimeline('azerbaijan|;18538,0,l');
  assert.equal(p.since, '2020-10-03');
  assert.equal(p.controller, 'azerbaijan');
  assert.equal(p.status, 'claimed');
});

test('parseTimeline rejects malformed timelines', () => {
  for (const t of ['', ';1,0', 'a|;x', 'a|;5,3', 'a|;10,0;9,0']) assert.throws(() => parseTimeline(t), /timeline/, t);
});

test('a store filled from tiles answers like one loaded from /api/periods', () => {
  const st = PeriodStore.fromTiles([8582, 18532]);
  const f = { properties: { sid: 'aghdam', name: 'Aghdam', district: 'Aghdam', rank: 3, from: 18586, to: OPEN_END, t: AGHDAM }, geometry: { coordinates: [46.9, 39.9] } };
  assert.equal(st.addTileFeatures([f, f, { properties: { sid: 'x' } }, { properties: { sid: 'bad', t: 'a|;z' }, geometry: { coordinates: [0, 0] } }]), 1);
  const s = st.get('aghdam');
  assert.equal(st.periodAt(s, 18577).controller, 'azerbaijan');
  assert.equal(st.periodAt(s, 18540).changing, true);
  assert.equal(st.counts(18540).get('changing'), 1);
  assert.equal(st.nextChangeDay(8582), 18532);
  assert.ok(isStatusEvent(st.periodAt(s, 18580)));
  assert.ok(!isStatusEvent(st.periodAt(s, 18577)));
  assert.equal(controllerBefore(st.periodAt(s, 18577)), 'armenian-forces');
  assert.deepEqual(st.changes().map((c) => c.day), [8582, 18532, 18576, 18578, 18586]);
  assert.equal(st.partial, true);
});

test('a store filled from tiles looks at the settlements added since in changedBetween', () => {
  const st = PeriodStore.fromTiles([8582, 18532]);
  const f = (sid) => ({ properties: { sid, name: sid, rank: 1, from: 18586, to: OPEN_END, t: AGHDAM }, geometry: { coordinates: [46.9, 39.9] } });
  st.addTileFeatures([f('aghdam')]);
  assert.deepEqual([...st.changedBetween(18531, 18532)].map((s) => s.sid), ['aghdam']);
  st.addTileFeatures([f('fuzuli')]);
  assert.deepEqual([...st.changedBetween(18532, 18531)].map((s) => s.sid).sort(), ['aghdam', 'fuzuli']);
  assert.equal(st.changedBetween(18533, 18540).size, 0);
});

test('prevChangeDay and nextChangeDay step to the change day strictly before and after, whatever the order given', () => {
  const st = PeriodStore.fromTiles([18586, 8582, 18532, 8582]);
  assert.equal(st.prevChangeDay(8582), null);
  assert.equal(st.prevChangeDay(8583), 8582);
  assert.equal(st.prevChangeDay(18532), 8582);
  assert.equal(st.prevChangeDay(99999), 18586);
  assert.equal(st.nextChangeDay(0), 8582);
  assert.equal(st.nextChangeDay(18532), 18586);
  assert.equal(st.nextChangeDay(18586), null);
});
