// The legend: each actor's colour and its settlement count on the date, status symbols, the
// abandoned-place symbol, and the compare highlight.

import { el, clear, swatch } from './dom.js';
import { t, locale } from './i18n.js';
import { UNKNOWN_COLOR, COMPARE_COLOR, ABANDONED_RING } from './map.js';
import { actorName } from './panel.js';

export class Legend {
  constructor(root, actors, lang) {
    this.root = root;
    this.actors = actors;
    this.lang = lang;
  }

  update(counts, comparing) {
    const fmt = new Intl.NumberFormat(locale());
    const rows = [...this.actors.values()].map((a) => row(swatch(a.color), actorName(a, this.lang()), fmt.format(counts.get(a.id) || 0), a.id));
    rows.push(row(swatch(UNKNOWN_COLOR), t('unknown'), fmt.format(counts.get('') || 0), 'unknown'));
    rows.push(row(swatch('#555', 'changing'), t('legend.changing'), fmt.format(counts.get('changing') || 0), 'changing'));
    const list = el('ul', { class: 'legend-actors' }, rows);
    const symbols = el('ul', { class: 'legend-status' },
      el('li', {}, swatch('#555', 'claimed'), t('legend.claimed')),
      el('li', {}, swatch('#555', 'disputed'), t('legend.disputed')),
      el('li', {}, swatch(ABANDONED_RING, 'abandoned'), t('legend.abandoned')),
      comparing ? el('li', {}, swatch(COMPARE_COLOR, 'compare'), t('legend.changed')) : null);
    clear(this.root).append(list, symbols);
  }
}

function row(sw, name, count, id) {
  return el('li', { 'data-actor': id }, sw, el('span', { class: 'name', text: name }), el('span', { class: 'count', text: count }));
}
