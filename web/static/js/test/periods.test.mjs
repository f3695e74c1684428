// Run with: node --test web/static/js/test/
import test from 'node:test';
import assert from 'node:assert/strict';
import { PeriodStore, controllerBefore, isStatusEvent } from '../store.js';
import { historyWhat, periodWhat } from '../wording.js';

const OPEN_START = -2147483648, OPEN_END = 2147483647;
const base = { change: '', since: '', kind: '', status: '', controller: '', disputed_by: '', changing: false, previous: '', next: '' };
const period = (from, to, props) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [46.9, 39.9] }, properties: { ...base, sid: 'aghdam', name: 'Aghdam', from, to, ...props } });

// Aghdam: unknown, Armenian forces from 1993, changing from 27 Sep 2020 (day 18532) to
// Azerbaijan on 10 Nov (18576), disputed from 12 Nov (18578), confirmed from 20 Nov (18586).
const store = new PeriodStore({
  features: [
    period(18586, OPEN_END, { controller: 'azerbaijan', status: 'confirmed', change: 'aghdam-2020', since: '2020-09-27/2020-11-10' }),
    period(OPEN_START, 8582, {}),
    period(8582, 18532, { controller: 'armenian-forces', status: 'confirmed', change: 'aghdam-1993', since: '1993-07' }),
    period(18532, 18576, { status: 'confirmed', change: 'aghdam-2020', since: '2020-09-27/2020-11-10', changing: true, previous: 'armenian-forces', next: 'azerbaijan' }),
    period(18576, 18578, { controller: 'azerbaijan', status: 'confirmed', change: 'aghdam-2020', since: '2020-09-27/2020-11-10' }),
    period(18578, 18586, { controller: 'azerbaijan', status: 'disputed', change: 'aghdam-2020', since: '2020-09-27/2020-11-10', disputed_by: 'armenian-forces' }),
  ],
});
const s = store.get('aghdam');
const names = { azerbaijan: 'Azerbaijan', 'armenian-forces': 'Armenian forces' };
const name = (x) => names[x.id || x] || x.id || x;

test('periodAt finds the period of a day, changing ones included', () => {
  const cases = [
    [8581, ''], [8582, 'armenian-forces'], [18531, 'armenian-forces'],
    [18532, 'changing'], [18575, 'changing'], [18576, 'azerbaijan'], [18586, 'azerbaijan'], [OPEN_END - 1, 'azerbaijan'],
  ];
  for (const [day, want] of cases) {
    const p = store.periodAt(s, day);
    assert.equal(p.changing ? 'changing' : p.controller, want, `day ${day}`);
  }
});

test('counts keeps changing settlements apart from unknown ones', () => {
  assert.deepEqual([...store.counts(18540)], [['changing', 1]]);
  assert.deepEqual([...store.counts(100)], [['', 1]]);
});

test('the period after a changing one was taken from the controller before the change', () => {
  const after = store.periodAt(s, 18576);
  assert.equal(controllerBefore(after), 'armenian-forces');
  assert.equal(isStatusEvent(after), false);
  assert.equal(periodWhat(after, name), 'Armenian forces → Azerbaijan');
});

test('periodWhat: changing, disputed and confirmed periods are no change of hands', () => {
  assert.equal(periodWhat(store.periodAt(s, 18540), name), 'changing: Armenian forces → Azerbaijan');
  assert.equal(periodWhat(store.periodAt(s, 18578), name), 'disputed by Armenian forces');
  assert.equal(periodWhat(store.periodAt(s, 18586), name), 'confirmed: controlled by Azerbaijan');
  assert.equal(periodWhat(store.periodAt(s, 8582), name), 'Armenian forces');
});

test('changes lists every period start with the period before it', () => {
  const got = store.changes().map((c) => [c.day, c.previous && c.previous.from]);
  assert.deepEqual(got, [[8582, OPEN_START], [18532, 8582], [18576, 18532], [18578, 18576], [18586, 18578]]);
});

test('historyWhat: a confirmation never reads "X → X"', () => {
  const aze = { id: 'azerbaijan' }, arm = { id: 'armenian-forces' };
  const cases = [
    [{ kind: 'capture', controller: aze, previous: arm }, 'Armenian forces → Azerbaijan'],
    [{ kind: 'capture', controller: aze, previous: null }, 'Azerbaijan'],
    [{ kind: 'confirmation', controller: aze, previous: null }, 'confirmed: controlled by Azerbaijan'],
    [{ kind: 'confirmation', controller: aze, previous: aze }, 'confirmed: controlled by Azerbaijan'],
    [{ kind: 'confirmation', controller: aze, previous: arm }, 'Armenian forces → Azerbaijan'],
    [{ kind: 'counter-claim', controller: arm, previous: null }, 'Armenian forces says it still holds the place'],
    [{ kind: 'other', controller: aze, previous: aze }, 'Azerbaijan'],
  ];
  for (const [h, want] of cases) assert.equal(historyWhat(h, name), want, JSON.stringify(h));
});

test('changedBetween holds every settlement whose period differs between two days, and no other', () => {
  const two = new PeriodStore({
    features: [
      ...store.features.map((f) => ({ ...f, properties: { ...f.properties } })),
      period(OPEN_START, 18580, { sid: 'shusha', name: 'Shusha' }),
      period(18580, OPEN_END, { sid: 'shusha', name: 'Shusha', controller: 'azerbaijan', status: 'confirmed' }),
    ],
  });
  const days = [100, 8581, 8582, 18531, 18532, 18540, 18576, 18579, 18580, 18586, 19000];
  for (const a of days) {
    for (const b of days) {
      const got = new Set([...two.changedBetween(a, b)].map((s) => s.sid));
      for (const s of two.settlements.values()) {
        const differs = two.periodAt(s, a) !== two.periodAt(s, b);
        assert.equal(got.has(s.sid), differs, `${s.sid} from ${a} to ${b}`);
      }
    }
  }
});
