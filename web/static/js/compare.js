// Compare two dates with /api/diff: the settlements whose controller differs are ringed on
// the map and listed.

import { el, clear, swatch } from './dom.js';
import { t, nameOfNames } from './i18n.js';
import { dayToISO, isoToDay } from './dates.js';
import { UNKNOWN_COLOR } from './map.js';
import { actorName } from './panel.js';

export class ComparePanel {
  // ctx: { api, lang(), onChange([d1,d2]|null, ids), onPick(sid, coords), range: [min,max] }
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.from = root.querySelector('.compare-from');
    this.to = root.querySelector('.compare-to');
    this.summary = root.querySelector('.compare-summary');
    this.list = root.querySelector('.compare-list');
    for (const f of [this.from, this.to]) { f.min = dayToISO(ctx.range[0]); f.max = dayToISO(ctx.range[1]); }
    root.querySelector('form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const a = isoToDay(this.from.value), b = isoToDay(this.to.value);
      if (a !== null && b !== null) this.run([a, b]);
    });
    root.querySelector('.compare-clear').addEventListener('click', () => this.clear());
  }

  async run(dates) {
    this.dates = dates;
    this.from.value = dayToISO(dates[0]);
    this.to.value = dayToISO(dates[1]);
    this.summary.textContent = t('panel.loading');
    let fc;
    try {
      fc = await this.ctx.api.diff(dayToISO(dates[0]), dayToISO(dates[1]));
    } catch {
      this.summary.textContent = t('panel.error');
      return;
    }
    if (this.dates !== dates) return;
    this.features = fc.features || [];
    this.render();
    this.ctx.onChange(dates, this.features.map((f) => f.properties.id));
  }

  render() {
    const lang = this.ctx.lang();
    this.summary.textContent = t('compare.count', { n: this.features.length });
    clear(this.list);
    for (const f of this.features) {
      const p = f.properties;
      const side = (a, changing) => (a ? actorName(a, lang, this.ctx.actors) : t(changing ? 'changing' : 'unknown'));
      this.list.append(el('li', {}, el('button', {
        type: 'button', class: 'change', onclick: () => this.ctx.onPick(p.id, f.geometry && f.geometry.coordinates),
      }, el('span', { class: 'where', text: nameOfNames(p.names, p.name, lang) }),
      el('span', { class: 'what' }, swatch(p.before ? p.before.color : UNKNOWN_COLOR), side(p.before, p.before_changing), ' → ',
        swatch(p.after ? p.after.color : UNKNOWN_COLOR), side(p.after, p.after_changing)))));
    }
  }

  clear() {
    this.dates = null;
    this.features = [];
    this.summary.textContent = '';
    clear(this.list);
    this.ctx.onChange(null, []);
  }
}
