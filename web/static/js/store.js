// The settlements' control periods, queried in the browser so that a slider step needs no
// server request. A small dataset's periods are loaded once from /api/periods; a large one's
// come from the timeline property "t" of the settlement tiles MapLibre loads (fromTiles):
// the store then holds the settlements seen so far, and partial is true.

import { OPEN_START, OPEN_END } from './dates.js';
import { parseTimeline } from './timeline.js';

// The settlement's own properties in a tile feature, kept on the store's settlement.
const OWN = ['sid', 'name', 'name_en', 'name_az', 'name_hy', 'name_ru', 'district', 'rank'];

export class PeriodStore {
  constructor(featureCollection, { changeDays = null } = {}) {
    this.features = featureCollection.features || [];
    this.settlements = new Map();
    this.partial = false;
    for (const f of this.features) this.add(f);
    for (const s of this.settlements.values()) linkPeriods(s);
    this.changeDays = changeDays || uniqueSorted(this.changes().map((c) => c.day));
  }

  // fromTiles returns an empty store to fill with addTileFeatures; changeDays are the days
  // with changes (from /api/timeline), in any order and repeated.
  static fromTiles(changeDays) {
    const st = new PeriodStore({ features: [] }, { changeDays: uniqueSorted(changeDays) });
    st.partial = true;
    return st;
  }

  // addTileFeatures adds the settlements of tile features carrying "t" that the store does
  // not hold yet, and the names a feature of a deeper zoom brings; it returns how many
  // settlements it added. A malformed t is skipped with a warning.
  addTileFeatures(features) {
    let added = 0;
    for (const f of features) {
      const fp = f.properties;
      if (!fp || typeof fp.t !== 'string') continue;
      const known = this.settlements.get(fp.sid);
      if (known) {
        if (fp.name && !known.props.name) for (const k of OWN) if (fp[k] !== undefined) known.props[k] = fp[k];
        continue;
      }
      let periods;
      try {
        periods = parseTimeline(fp.t);
      } catch (err) {
        console.warn(`controlmap: settlement ${fp.sid}:`, err.message);
        continue;
      }
      const props = {};
      for (const k of OWN) if (fp[k] !== undefined) props[k] = fp[k];
      const s = { sid: fp.sid, props, coords: f.geometry.coordinates, periods: [] };
      this.settlements.set(fp.sid, s);
      for (const p of periods) {
        const period = { ...props, ...p, change: p.change && `${fp.sid}${p.change}` };
        s.periods.push(period);
        this.features.push({ properties: period });
      }
      linkPeriods(s);
      added++;
    }
    if (added) this._changes = this._boundaries = null;
    return added;
  }

  add(f) {
    const p = f.properties;
    let s = this.settlements.get(p.sid);
    if (!s) {
      s = { sid: p.sid, props: p, coords: f.geometry.coordinates, periods: [] };
      this.settlements.set(p.sid, s);
    }
    s.periods.push(p);
  }

  get(sid) {
    return this.settlements.get(sid);
  }

  // periodAt returns the period of settlement s valid on day.
  periodAt(s, day) {
    return s.periods.find((p) => p.from <= day && day < p.to) || null;
  }

  // at returns every settlement's period on day.
  at(day) {
    const out = [];
    for (const f of this.features) {
      const p = f.properties;
      if (p.from <= day && day < p.to) out.push(p);
    }
    return out;
  }

  // counts tells how many settlements each actor controls on day ('' unknown, 'changing' while
  // control is changing).
  counts(day) {
    const counts = new Map();
    for (const p of this.at(day)) {
      const key = p.changing ? 'changing' : p.controller;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    return counts;
  }

  // changes lists each period that starts with a dated change, with the period before it.
  changes() {
    if (this._changes) return this._changes;
    const out = [];
    for (const s of this.settlements.values()) {
      for (const p of s.periods) {
        if (p.from === OPEN_START) continue;
        out.push({ sid: s.sid, settlement: s, day: p.from, period: p, previous: p.before });
      }
    }
    out.sort((a, b) => a.day - b.day || bySID(a.sid, b.sid));
    this._changes = out;
    return out;
  }

  // changedBetween lists the settlements whose period on day a may differ from that on day b:
  // those with a period starting or ending after the earlier day and on or before the later.
  // A slider step looks at these alone, not at every settlement.
  changedBetween(a, b) {
    const lo = Math.min(a, b), hi = Math.max(a, b);
    const { days, settlements } = this.boundaries();
    const out = new Set();
    for (let i = countWhile(days, (d) => d <= lo); i < days.length && days[i] <= hi; i++) out.add(settlements[i]);
    return out;
  }

  // boundaries are the days on which a settlement's period starts or ends, sorted, each with
  // its settlement; built once per set of settlements.
  boundaries() {
    if (this._boundaries) return this._boundaries;
    const pairs = [];
    for (const s of this.settlements.values()) {
      for (const p of s.periods) {
        if (p.from !== OPEN_START) pairs.push([p.from, s]);
        if (p.to !== OPEN_END) pairs.push([p.to, s]);
      }
    }
    pairs.sort((x, y) => x[0] - y[0]);
    this._boundaries = { days: Float64Array.from(pairs, (x) => x[0]), settlements: pairs.map((x) => x[1]) };
    return this._boundaries;
  }

  prevChangeDay(day) {
    const i = countWhile(this.changeDays, (d) => d < day);
    return i > 0 ? this.changeDays[i - 1] : null;
  }

  nextChangeDay(day) {
    const i = countWhile(this.changeDays, (d) => d <= day);
    return i < this.changeDays.length ? this.changeDays[i] : null;
  }
}

// controllerBefore is the actor id in control before period p began ('' when unknown): the
// controller of the period before, or the one before a change that was under way.
export function controllerBefore(p) {
  const b = p.before;
  if (!b) return '';
  return b.changing ? b.previous : b.controller;
}

// isStatusEvent tells a period begun by a confirmation or a counter-claim: the same change in
// force as the period before, so no change of hands.
export function isStatusEvent(p) {
  const b = p.before;
  return !!b && !b.changing && !p.changing && b.change !== '' && b.change === p.change;
}

// linkPeriods sorts a settlement's periods and links each to the one before ("before"; the
// feature's own "previous" is the controller before a changing period).
function linkPeriods(s) {
  s.periods.sort((a, b) => a.from - b.from);
  for (let i = 0; i < s.periods.length; i++) {
    Object.defineProperty(s.periods[i], 'before', { value: i > 0 ? s.periods[i - 1] : null, enumerable: false });
  }
}

// bySID orders settlement ids as localeCompare does, with one collator rather than one a call.
const bySID = new Intl.Collator().compare;

// countWhile is how many of the sorted xs, from the first, pass test (a binary search: test
// holds for a leading run of xs and for none after it).
function countWhile(xs, test) {
  let lo = 0, hi = xs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (test(xs[mid])) lo = mid + 1; else hi = mid; }
  return lo;
}

function uniqueSorted(xs) {
  return [...new Set(xs)].sort((a, b) => a - b);
}
