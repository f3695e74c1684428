// The changes list: changes in the map view nearest to the slider's date, computed in the
// browser from the control periods. Clicking one flies to the place.

import { el, clear, swatch } from './dom.js';
import { t, locale, nameIn } from './i18n.js';
import { formatWritten, formatDay } from './dates.js';
import { UNKNOWN_COLOR } from './map.js';
import { actorName } from './panel.js';
import { periodWhat } from './wording.js';
import { isStatusEvent } from './store.js';

const SHOWN = 30;

export class ChangesList {
  // ctx: { store, actors, lang(), bounds(), onPick(change) }
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.title = root.querySelector('.changes-title');
    this.list = root.querySelector('.changes-list');
  }

  update(day) {
    if (this.root.hidden) return;
    this.title.textContent = t('changes.title', { date: formatDay(day, locale()) });
    const b = this.ctx.bounds();
    const inView = this.ctx.store.changes().filter((c) => b.contains(c.settlement.coords));
    const nearest = inView.map((c) => ({ c, d: Math.abs(c.day - day) })).sort((x, y) => x.d - y.d).slice(0, SHOWN).map((x) => x.c);
    nearest.sort((a, b2) => a.day - b2.day || a.sid.localeCompare(b2.sid));
    clear(this.list);
    if (!nearest.length) { this.list.append(el('li', { class: 'muted', text: t('changes.none') })); return; }
    for (const c of nearest) this.list.append(this.item(c, day));
  }

  item(c, day) {
    const lang = this.ctx.lang();
    const p = c.period;
    const to = this.ctx.actors.get(p.changing ? p.next : p.controller);
    const name = (id) => actorName({ id }, lang, this.ctx.actors);
    // A confirmation or a dispute keeps the since of the change in force: show its own day.
    const when = p.since && !isStatusEvent(p) ? formatWritten(p.since, null, locale()) : formatDay(c.day, locale());
    const btn = el('button', { type: 'button', class: 'change', onclick: () => this.ctx.onPick(c) },
      el('span', { class: 'when', text: when }),
      el('span', { class: 'where', text: nameIn(c.settlement.props, lang) }),
      el('span', { class: 'what' }, swatch(to ? to.color : UNKNOWN_COLOR, p.changing ? 'changing' : p.status), periodWhat(p, name)));
    return el('li', { class: c.day > day ? 'future' : 'past', 'aria-current': c.day === day ? 'date' : null }, btn);
  }
}
