// UI text and name languages. UI messages are keyed so that translations can be added
// beside "en"; data names come in en, az, hy and ru.

export const NAME_LANGS = ['en', 'az', 'hy', 'ru'];

const messages = {
  en: {
    'title': 'controlmap — who controls each settlement of Karabakh, day by day',
    'date': 'Date',
    'play': 'Play',
    'pause': 'Pause',
    'speed': 'Speed',
    'prevChange': 'Previous change',
    'nextChange': 'Next change',
    'unknown': 'Unknown',
    'status.confirmed': 'confirmed',
    'status.claimed': 'claimed',
    'status.disputed': 'disputed',
    'legend.claimed': 'Claimed (hollow ring)',
    'legend.disputed': 'Disputed (dark ring)',
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
    'changes.title': 'Changes near {date} in view',
    'changes.none': 'No change in this view.',
    'compare.title': 'Compare two dates',
    'compare.from': 'From',
    'compare.to': 'To',
    'compare.run': 'Compare',
    'compare.clear': 'Clear',
    'compare.count': '{n} settlements changed controller',
    'table.title': 'Settlements on {date}',
    'table.name': 'Name',
    'table.district': 'District',
    'table.controller': 'Controller',
    'table.status': 'Status',
    'table.since': 'Since',
    'search.label': 'Search a settlement',
    'search.none': 'No settlement found',
    'embed.title': 'Embed this map',
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

// translateStatic fills elements marked data-i18n (text), data-i18n-label (aria-label)
// and data-i18n-title (title).
export function translateStatic(root = document) {
  for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of root.querySelectorAll('[data-i18n-label]')) n.setAttribute('aria-label', t(n.dataset.i18nLabel));
  for (const n of root.querySelectorAll('[data-i18n-title]')) n.title = t(n.dataset.i18nTitle);
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
