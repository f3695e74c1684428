// The settlement panel: names in every language, controller on the slider's date and the
// sourced history. Everything from data is inserted as text.

import { el, clear, safeHref, swatch } from './dom.js';
import { historyWhat, changingWhat } from './wording.js';
import { t, locale, nameIn, NAME_LANGS } from './i18n.js';
import { formatWritten, formatDay } from './dates.js';
import { UNKNOWN_COLOR } from './map.js';
import { sourceLabel, uniqueSources } from './sources.js';

// fillNames gives a settlement read from a low-zoom tile, which has no names yet, those of its
// API item.
function fillNames(s, detail) {
  const p = detail && detail.properties;
  if (!s || !p || s.props.name) return;
  for (const k of ['name', 'name_en', 'name_az', 'name_hy', 'name_ru', 'district']) if (p[k]) s.props[k] = p[k];
}

export class SettlementPanel {
  // ctx: { store, actors (Map id→actor), lang(), onGoto(day), onClose(), load(id) }
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.sid = null;
    this.detail = null;
    this.title = root.querySelector('.panel-title');
    this.body = root.querySelector('.panel-body');
    root.querySelector('.close').addEventListener('click', () => ctx.onClose());
  }

  async open(sid, day) {
    this.sid = sid;
    this.detail = null;
    this.root.hidden = false;
    this.render(day);
    try {
      const detail = await this.ctx.load(sid);
      if (this.sid !== sid) return;
      this.detail = detail;
      fillNames(this.ctx.store.get(sid), detail);
    } catch (err) {
      if (this.sid !== sid) return;
      this.detail = { error: true };
    }
    this.render(this.day);
  }

  close() {
    this.sid = null;
    this.root.hidden = true;
  }

  update(day) {
    if (this.sid) this.render(day);
  }

  render(day) {
    this.day = day;
    const s = this.ctx.store.get(this.sid);
    const lang = this.ctx.lang();
    this.title.textContent = s ? nameIn(s.props, lang) : this.sid;
    clear(this.body);
    if (!s) return;
    this.body.append(this.controllerLine(s, day), this.namesList(s));
    this.body.append(el('h3', { text: t('panel.history') }), this.history(day));
  }

  controllerLine(s, day) {
    const p = this.ctx.store.periodAt(s, day);
    if (p && p.changing) return this.changingLine(p, day);
    const actor = p && this.ctx.actors.get(p.controller);
    const since = p && p.since ? ` ${t('panel.since', { date: formatWritten(p.since, null, locale()) })}` : '';
    const status = p && p.status && p.status !== 'confirmed' ? ` (${this.statusText(p)})` : '';
    return el('p', { class: 'controller' },
      el('span', { class: 'muted', text: `${t('panel.controller', { date: formatDay(day, locale()) })}: ` }),
      swatch(actor ? actor.color : UNKNOWN_COLOR, p && p.status),
      el('strong', { text: actor ? actorName(actor, this.ctx.lang()) : t('unknown') }),
      status + since);
  }

  // changingLine: no controller while an interval change is under way, only its sides and dates.
  changingLine(p, day) {
    const next = this.ctx.actors.get(p.next);
    const name = (id) => actorName({ id }, this.ctx.lang(), this.ctx.actors);
    return el('p', { class: 'controller' },
      el('span', { class: 'muted', text: `${t('panel.controller', { date: formatDay(day, locale()) })}: ` }),
      swatch(next ? next.color : UNKNOWN_COLOR, 'changing'),
      el('strong', { text: changingWhat(p, name) }),
      ` (${formatWritten(p.since, null, locale())})`);
  }

  statusText(p) {
    const by = p.disputed_by && this.ctx.actors.get(p.disputed_by);
    return by ? t('history.disputedBy', { actor: actorName(by, this.ctx.lang()) }) : t(`status.${p.status}`);
  }

  namesList(s) {
    const dl = el('dl', { class: 'names' });
    for (const l of NAME_LANGS) {
      const n = s.props[`name_${l}`];
      if (n) dl.append(el('dt', { text: t(`lang.${l}`) }), el('dd', { lang: l, text: n }));
    }
    const meta = s.props.district ? t('place.district', { name: s.props.district }) : '';
    return el('div', {}, el('h3', { text: t('panel.names') }), dl, meta ? el('p', { class: 'muted', text: meta }) : null);
  }

  history(day) {
    if (!this.detail) return el('p', { class: 'muted', text: t('panel.loading') });
    if (this.detail.error) return el('p', { class: 'error', text: t('panel.error') });
    const entries = this.detail.properties?.history || this.detail.history || [];
    if (!entries.length) return el('p', { class: 'muted', text: t('panel.noHistory') });
    const current = entries.filter((h) => !h.retracted && h.day <= day).pop();
    return el('ol', { class: 'history' }, entries.map((h) => this.entry(h, h === current)));
  }

  entry(h, isCurrent) {
    const lang = this.ctx.lang();
    const when = formatWritten(h.date, h.precision, locale());
    const what = historyWhat(h, (a) => actorName(a, lang, this.ctx.actors));
    const goto = el('button', {
      type: 'button', class: 'goto', 'aria-label': t('panel.goto', { date: when }),
      onclick: () => this.ctx.onGoto(h.day),
    }, when);
    const facts = [label('kind', h.kind), label('status', h.status)].filter(Boolean).join(' · ');
    return el('li', { class: `entry${h.retracted ? ' retracted' : ''}`, 'aria-current': isCurrent ? 'step' : null },
      goto,
      el('div', { class: 'what' }, swatch(h.controller ? h.controller.color : UNKNOWN_COLOR, h.status), what),
      el('div', { class: 'muted', text: facts + (h.retracted ? ` · ${t('panel.retracted')}` : '') }),
      h.note ? el('p', { class: 'note', text: h.note }) : null,
      sources(h.sources || []));
  }
}

// sources lists the sources of a change, each once, as "Title — Publisher (date)" linked to
// its URL. The change's note is written once, above them (entry).
function sources(list) {
  if (!list.length) return null;
  return el('ul', { class: 'sources', 'aria-label': t('panel.sources') }, uniqueSources(list).map((src) => {
    const text = sourceLabel(src, locale());
    const href = safeHref(src.url);
    const node = href
      ? el('a', { href, rel: 'noopener noreferrer', target: '_blank', text })
      : el('span', { text });
    return el('li', {}, node);
  }));
}

// actorName names an actor in lang. API answers carry only {id, name, color}; actors (the Map
// of /api/timeline's actors by id) supplies the names in every language.
export function actorName(actor, lang, actors) {
  const full = (actors && actors.get(actor.id)) || actor;
  return (full.names && full.names[lang]) || full.name || full.id || '';
}

function label(group, value) {
  if (!value) return '';
  const key = `${group}.${value}`;
  const s = t(key);
  return s === key ? value : s;
}
