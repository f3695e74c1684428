// UI text and name languages. UI messages are keyed so that translations can be added
// beside "en"; data names come in en, az, hy and ru.

export const NAME_LANGS = ['en', 'az', 'hy', 'ru'];

const messages = {
  en: {
    'title': "controlmap — control of Karabakh's settlements, day by day",
    'description': 'Who controlled each settlement of the Nagorno-Karabakh region on any date since 1988, with sources for every change.',
    'embed.pageTitle': 'controlmap',
    'skip': 'Skip to the settlements table',
    'fatal': 'The map could not start: {message}',
    'map.label': 'Map of settlements coloured by controller',
    'tools': 'Tools',
    'changes': 'Changes',
    'compare': 'Compare',
    'table': 'Table',
    'embed': 'Embed',
    'download': 'Download',
    'lang.label': 'Names in',
    'lang.title': 'Language of the names',
    'date': 'Date',
    'gotoDate': 'Go to date',
    'slider.label': 'Date (arrow keys: one day; Page Up/Down: previous/next change)',
    'play': 'Play',
    'pause': 'Pause',
    'playPause': 'Play / pause',
    'speed': 'Speed',
    'speed.title': 'Playback speed',
    'speed.week': '1 week/s',
    'speed.month': '1 month/s',
    'speed.halfYear': '6 months/s',
    'speed.twoYears': '2 years/s',
    'prevChange': 'Previous change',
    'prevChange.key': 'Previous change (PageUp)',
    'nextChange': 'Next change',
    'nextChange.key': 'Next change (PageDown)',
    'credits.data': 'Data: controlmap',
    'credits.link': 'credits',
    'credits.title': 'Credits',
    'unknown': 'Unknown',
    'place.district': '{name} district',
    'status.confirmed': 'confirmed',
    'status.claimed': 'claimed',
    'status.disputed': 'disputed',
    'status.changing': 'changing',
    'date.between': 'between {from} and {to}',
    'date.onOrBefore': 'on or before {date}',
    'changing': 'Control changing',
    'changing.between': 'changing: {from} → {to}',
    'history.confirmed': 'confirmed: controlled by {actor}',
    'history.counterClaim': '{actor} says it still holds the place',
    'history.disputedBy': 'disputed by {actor}',
    'legend.changing': 'Control changing (date uncertain)',
    'legend.label': 'Legend',
    'legend.claimed': 'Claimed (hollow ring)',
    'legend.disputed': 'Disputed (dark ring)',
    'legend.abandoned': 'Abandoned place (grey ring)',
    'legend.changed': 'Changed between compared dates',
    'panel.controller': 'Controller on {date}',
    'panel.since': 'since {date}',
    'panel.history': 'History',
    'panel.names': 'Names',
    'panel.noHistory': 'No recorded change.',
    'panel.sources': 'Sources',
    'panel.retracted': 'retracted',
    'panel.goto': 'Show the map on {date}',
    'panel.loading': 'Loading…',
    'panel.error': 'Could not load this settlement.',
    'kind.capture': 'capture',
    'kind.handover': 'handover',
    'kind.withdrawal': 'withdrawal',
    'kind.claim': 'claim',
    'kind.other': 'change',
    'kind.counter-claim': 'counter-claim',
    'kind.confirmation': 'confirmation',
    'changes.title': 'Changes near {date} in view',
    'changes.none': 'No change in this view.',
    'compare.title': 'Compare two dates',
    'compare.from': 'From',
    'compare.to': 'To',
    'compare.run': 'Compare',
    'compare.clear': 'Clear',
    'compare.count': '{n} settlements changed controller',
    'table.label': 'Table of settlements',
    'table.title': 'Settlements on {date}',
    'table.name': 'Name',
    'table.district': 'District',
    'table.controller': 'Controller',
    'table.status': 'Status',
    'table.since': 'Since',
    'search.label': 'Search a settlement',
    'search.none': 'No settlement found',
    'search.placeholder': 'Search: Shusha, Şuşa, Շուշի…',
    'search.results': 'Search results',
    'embed.title': 'Embed this map',
    'embed.size': 'Size',
    'embed.responsive': 'Responsive (full width)',
    'embed.slider': 'Show the time slider',
    'embed.code': 'HTML to paste in your page',
    'copy': 'Copy',
    'close': 'Close',
    'copied': 'Copied',
    'openFull': 'Open full map',
    'lang.en': 'English', 'lang.az': 'Azərbaycanca', 'lang.hy': 'Հայերեն', 'lang.ru': 'Русский',
  },
};

let ui = 'en';

export function setUILang(lang) {
  ui = messages[lang] ? lang : 'en';
}

// locale is used for dates and numbers; the UI text is English until translations exist.
export function locale() {
  return ui === 'en' ? 'en-GB' : ui;
}

export function t(key, vars = {}) {
  const s = messages[ui][key] ?? messages.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : ''));
}

// translateStatic fills elements marked data-i18n (text), data-i18n-label (aria-label),
// data-i18n-title (title), data-i18n-placeholder (placeholder) and data-i18n-content (content).
// The templates carry the English text too, for a page read without scripts.
export function translateStatic(root = document) {
  for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const [attr, key] of [['aria-label', 'i18nLabel'], ['title', 'i18nTitle'], ['placeholder', 'i18nPlaceholder'], ['content', 'i18nContent']]) {
    const data = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const n of root.querySelectorAll(`[data-${data}]`)) n.setAttribute(attr, t(n.dataset[key]));
  }
}

export function normalizeLang(lang) {
  return NAME_LANGS.includes(lang) ? lang : 'en';
}

// nameIn picks a settlement's name in lang from period-feature properties.
export function nameIn(props, lang) {
  return props[`name_${lang}`] || props.name || props.sid || '';
}

// nameOfNames picks from an API "names" object ({en,az,hy,ru}).
export function nameOfNames(names, fallback, lang) {
  return (names && names[lang]) || fallback || '';
}
