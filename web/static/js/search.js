// Settlement search, insensitive to case, accents and script: Latin, Azerbaijani,
// Armenian and Cyrillic names are all folded to one Latin key.

import { el, clear, debounce } from './dom.js';
import { nameIn, NAME_LANGS, t } from './i18n.js';

const letters = {
  // Azerbaijani and Turkish letters that NFD does not split.
  'ə': 'e', 'ı': 'i', 'ß': 'ss', 'ø': 'o', 'æ': 'ae', 'ł': 'l', 'đ': 'd',
  // Russian.
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z',
  'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r',
  'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'shch',
  'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
  // Armenian.
  'ա': 'a', 'բ': 'b', 'գ': 'g', 'դ': 'd', 'ե': 'e', 'զ': 'z', 'է': 'e', 'ը': 'y', 'թ': 't',
  'ժ': 'zh', 'ի': 'i', 'լ': 'l', 'խ': 'kh', 'ծ': 'ts', 'կ': 'k', 'հ': 'h', 'ձ': 'dz', 'ղ': 'gh',
  'ճ': 'ch', 'մ': 'm', 'յ': 'y', 'ն': 'n', 'շ': 'sh', 'ո': 'o', 'չ': 'ch', 'պ': 'p', 'ջ': 'j',
  'ռ': 'r', 'ս': 's', 'վ': 'v', 'տ': 't', 'ր': 'r', 'ց': 'ts', 'ւ': 'u', 'փ': 'p', 'ք': 'k',
  'օ': 'o', 'ֆ': 'f', 'և': 'ev',
};

// fold turns a name into its search key: "Abdal-Gülablı" → "abdalgulabli".
export function fold(s) {
  const base = String(s).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  let out = '';
  for (const ch of base) out += letters[ch] ?? ch;
  return out.replace(/ou/g, 'u').replace(/[^a-z0-9]/g, '');
}

// skeleton also folds common transliteration variants (kh/x, j/c, y/i…), so that
// "Khojaly" finds "Xocalı".
export function skeleton(key) {
  return key.replace(/dzh|dj|zh|ch/g, 'j').replace(/sh/g, 's').replace(/kh/g, 'h').replace(/gh/g, 'g')
    .replace(/x/g, 'h').replace(/c/g, 'j').replace(/q/g, 'g').replace(/y/g, 'i').replace(/(.)\1+/g, '$1');
}

export class SearchIndex {
  // remote(query), if given, finds places the store does not hold: a promise of settlements
  // shaped as the store's ({sid, props, coords}).
  constructor(store, remote = null) {
    this.store = store;
    this.remote = remote;
    this.size = -1; // indexed at the first search, not while the map starts
  }

  // index lists the store's settlements; a store filled from the tiles is indexed again as
  // it grows.
  index() {
    this.entries = [];
    this.size = this.store.settlements.size;
    for (const s of this.store.settlements.values()) {
      const names = new Set([s.props.name, ...NAME_LANGS.map((l) => s.props[`name_${l}`])].filter(Boolean));
      const keys = [...names].map(fold).filter(Boolean);
      this.entries.push({ s, keys, skel: keys.map(skeleton), rank: s.props.rank || 1 });
    }
  }

  find(query, limit = 8) {
    if (this.size !== this.store.settlements.size) this.index();
    const q = fold(query);
    if (!q) return [];
    const qs = skeleton(q);
    const scored = [];
    for (const e of this.entries) {
      const score = scoreEntry(e, q, qs);
      if (score > 0) scored.push({ s: e.s, score: score * 10 + e.rank });
    }
    scored.sort((a, b) => b.score - a.score || a.s.sid.localeCompare(b.s.sid));
    return scored.slice(0, limit).map((x) => x.s);
  }
}

function scoreEntry(e, q, qs) {
  let best = 0;
  for (let i = 0; i < e.keys.length; i++) {
    const k = e.keys[i];
    if (k === q) best = Math.max(best, 5);
    else if (k.startsWith(q)) best = Math.max(best, 4);
    else if (k.includes(q)) best = Math.max(best, 3);
    else if (e.skel[i].includes(qs)) best = Math.max(best, 2);
  }
  return best;
}

// attachSearch wires a combobox (input + listbox) to the index; onPick(settlement). Each
// result shows its district (places: PlaceNames), so that places of one name differ.
export function attachSearch(input, list, index, places, getLang, onPick) {
  let results = [];
  let active = -1;

  const render = () => {
    clear(list);
    const lang = getLang();
    results.forEach((s, i) => {
      const detail = places.detail(s.sid, lang) || (s.props.district ? t('place.district', { name: s.props.district }) : '');
      const other = s.props.name && s.props.name !== nameIn(s.props, lang) && !detail.includes(s.props.name) ? s.props.name : '';
      list.append(el('li', {
        id: `search-opt-${i}`, role: 'option', 'aria-selected': i === active ? 'true' : 'false',
        onmousedown: (ev) => { ev.preventDefault(); pick(i); },
      }, el('span', { class: 'opt-name', text: nameIn(s.props, lang) }),
      el('span', { class: 'opt-meta', text: [other, detail].filter(Boolean).join(' · ') })));
    });
    if (!results.length && input.value.trim()) list.append(el('li', { class: 'none', role: 'option', 'aria-disabled': 'true', text: t('search.none') }));
    const open = list.children.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const pick = (i) => {
    const s = results[i];
    if (!s) return;
    input.value = nameIn(s.props, getLang());
    results = []; active = -1; render();
    onPick(s);
  };

  // A store filled from the tiles knows only the places loaded so far: the API's search
  // (index.remote) adds the others, a moment later.
  let asked = 0;
  const askRemote = debounce(async (query) => {
    const n = ++asked;
    let more;
    try {
      more = await index.remote(query);
    } catch (err) {
      console.warn('controlmap: search', err);
      return;
    }
    if (n !== asked || input.value !== query) return;
    const seen = new Set(results.map((s) => s.sid));
    results = [...results, ...more.filter((s) => !seen.has(s.sid))].slice(0, 8);
    if (active < 0 && results.length) active = 0;
    render();
  }, 200);
  input.addEventListener('input', () => {
    results = index.find(input.value); active = results.length ? 0 : -1; render();
    if (index.remote && input.value.trim()) askRemote(input.value);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && results.length) { active = (active + 1) % results.length; render(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp' && results.length) { active = (active - 1 + results.length) % results.length; render(); ev.preventDefault(); }
    else if (ev.key === 'Enter') { pick(active >= 0 ? active : 0); ev.preventDefault(); }
    else if (ev.key === 'Escape') { results = []; active = -1; render(); }
  });
  input.addEventListener('blur', () => setTimeout(() => { results = []; active = -1; render(); }, 150));
}
