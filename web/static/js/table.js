// The table view: every settlement and its controller on the date, sortable, for screen
// readers and for people who prefer tables.

import { el, clear } from './dom.js';
import { t, locale, nameIn } from './i18n.js';
import { formatDay, formatWritten } from './dates.js';
import { actorName } from './panel.js';
import { changingWhat } from './wording.js';

const COLUMNS = ['name', 'district', 'controller', 'status', 'since'];

export class SettlementTable {
  // ctx: { store, actors, lang(), onPick(sid) }
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.sortKey = 'name';
    this.sortDir = 1;
    this.caption = root.querySelector('caption');
    this.head = root.querySelector('thead tr');
    this.body = root.querySelector('tbody');
    for (const key of COLUMNS) {
      const btn = el('button', { type: 'button', text: t(`table.${key}`), onclick: () => this.sortBy(key) });
      this.head.append(el('th', { scope: 'col', 'data-key': key }, btn));
    }
  }

  sortBy(key) {
    this.sortDir = this.sortKey === key ? -this.sortDir : 1;
    this.sortKey = key;
    this.update(this.day);
  }

  rows(day) {
    const lang = this.ctx.lang();
    return this.ctx.store.at(day).map((p) => {
      const a = this.ctx.actors.get(p.controller);
      const name = (id) => actorName({ id }, lang, this.ctx.actors);
      return {
        sid: p.sid, name: nameIn(p, lang), district: p.district || '', controller: a ? actorName(a, lang) : t('unknown'),
        status: p.status ? t(`status.${p.status}`) : '', since: p.since || '', sinceText: p.since ? formatWritten(p.since, null, locale()) : '',
        ...(p.changing ? { controller: changingWhat(p, name), status: t('status.changing') } : {}),
      };
    });
  }

  update(day) {
    this.day = day;
    if (this.root.hidden) return;
    this.caption.textContent = t('table.title', { date: formatDay(day, locale()) });
    for (const th of this.head.children) {
      th.setAttribute('aria-sort', th.dataset.key === this.sortKey ? (this.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    }
    const collator = new Intl.Collator(locale());
    const k = this.sortKey;
    const rows = this.rows(day).sort((a, b) => this.sortDir * collator.compare(a[k], b[k]) || collator.compare(a.name, b.name));
    const frag = document.createDocumentFragment();
    for (const r of rows) {
      frag.append(el('tr', {},
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', text: r.name, onclick: () => this.ctx.onPick(r.sid) })),
        el('td', { text: r.district }), el('td', { text: r.controller }), el('td', { text: r.status }),
        el('td', {}, r.since ? el('time', { datetime: r.since, text: r.sinceText }) : '')));
    }
    clear(this.body).append(frag);
  }
}
