// The compact timeline property "t" of a settlement's open-ended feature in the settlement
// tiles (docs/CONTRACT.md, "Timeline property"): the map reads the periods of the settlements
// MapLibre has loaded from it, instead of loading every period of every settlement.

import { OPEN_START, OPEN_END, dayToISO } from './dates.js';

const STATUS = { c: 'confirmed', l: 'claimed', d: 'disputed' };

// parseTimeline returns the periods packed in t, oldest first, in the shape of the period
// features ({from, to, controller, status, change, since, changing, previous, next,
// disputed_by}); change is a label for the change in force, the same across a status event.
// It throws on a malformed t.
export function parseTimeline(t) {
  const bar = t.indexOf('|');
  if (bar < 0) throw new Error(`timeline: no actor list in ${JSON.stringify(t.slice(0, 40))}`);
  const actors = bar > 0 ? t.slice(0, bar).split(',') : [];
  const actor = (s) => {
    if (!s) return '';
    const a = actors[Number(s)];
    if (a === undefined) throw new Error(`timeline: actor ${s} of ${actors.length}`);
    return a;
  };
  const out = [];
  let change = 0;
  for (const run of t.slice(bar + 1).split(';')) {
    const f = run.split(',');
    const from = f[0] === '' ? OPEN_START : Number(f[0]);
    if (!Number.isInteger(from)) throw new Error(`timeline: day ${f[0]}`);
    const next = actor(f[3]);
    const before = out[out.length - 1];
    const event = f[6] === '1' && before;
    if (!event) change++;
    const p = {
      from, to: OPEN_END,
      controller: actor(f[1]), status: STATUS[f[2]] || '',
      changing: next !== '', next, previous: actor(f[4]), disputed_by: actor(f[5]),
      change: from === OPEN_START && !f[1] && !next ? '' : `#${change}`,
      since: event ? before.since : (f[7] || (from === OPEN_START ? '' : dayToISO(from))),
    };
    if (before) {
      if (from <= before.from) throw new Error(`timeline: ${from} does not follow ${before.from}`);
      before.to = from;
    }
    out.push(p);
  }
  return out;
}
