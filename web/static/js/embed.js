// The embed: map, compact slider (unless controls=none), legend, attribution, the selected
// settlement's card and an "open full map" link that keeps the parameters.

import { boot } from './boot.js';
import { api } from './api.js';
import { isoToDay, dayToISO } from './dates.js';
import { $ } from './dom.js';
import { t } from './i18n.js';
import { applyDay, onSettlementClick, whenLoaded, SETTLEMENTS_ADDED } from './map.js';
import { TimeSlider } from './slider.js';
import { Legend } from './legend.js';
import { SettlementPanel } from './panel.js';
import { toParams } from './urlstate.js';

async function main() {
  const ctx = await boot($('#map'));
  const { state, store, actors, map, range, timeline } = ctx;
  const lang = () => state.lang;
  let changed = [];
  const legend = new Legend($('#legend'), actors, lang);
  const panel = new SettlementPanel($('#panel'), {
    store, actors, lang, load: api.settlement,
    onGoto: (day) => slider.set(day),
    onClose: () => { panel.close(); state.selected = null; update(state.day); },
  });

  function update(day) {
    state.day = day;
    applyDay(map, day, { selected: state.selected, changed });
    legend.update(store.counts(day), !!state.compare);
    panel.update(day);
    const link = $('#open-full');
    const c = map.getCenter();
    link.href = `/?${toParams({ ...state, center: [c.lng, c.lat], zoom: map.getZoom(), controls: 'slider' })}`;
  }

  const slider = new TimeSlider($('#timeline'), {
    min: range[0], max: range[1], compact: true,
    dateCounts: (timeline.dates || []).filter((d) => Number.isFinite(d.day)),
    changes: { prev: (d) => store.prevChangeDay(d), next: (d) => store.nextChangeDay(d) },
    onChange: update,
  });
  $('#timeline').hidden = state.controls === 'none';

  onSettlementClick(map, (sid) => { state.selected = sid; panel.open(sid, state.day); update(state.day); });
  map.on('moveend', () => update(state.day));
  map.on(SETTLEMENTS_ADDED, () => legend.update(store.counts(state.day), !!state.compare));
  if (state.compare) {
    api.diff(...state.compare.map(dayToISO))
      .then((fc) => { changed = fc.features.map((f) => f.properties.id); update(state.day); })
      .catch((err) => console.warn('controlmap: compare failed', err));
  }
  slider.set(state.day);
  if (state.selected && store.get(state.selected)) panel.open(state.selected, state.day);
  else if (state.selected && store.partial) {
    // A store filled from the tiles knows the place once its tile is loaded.
    const sid = state.selected;
    whenLoaded(map, store, sid, () => { if (state.selected === sid) panel.open(sid, state.day); });
  }

  Object.assign(window.controlmap, { setDate: (d) => slider.set(typeof d === 'string' ? isoToDay(d) : d) });
  await window.controlmap.drawn();
  performance.mark('cm-settlements-drawn');
  document.body.dataset.ready = 'true';
  announce(state);
}

// announce tells the host page that the embed is drawn (numbers and a date only).
function announce(state) {
  if (window.parent === window) return;
  window.parent.postMessage({ type: 'controlmap:ready', date: dayToISO(state.day), settlements: window.controlmap.rendered().length }, '*');
}

main().catch((err) => {
  console.error('controlmap:', err);
  const box = document.getElementById('fatal');
  box.hidden = false;
  box.textContent = t('fatal', { message: err.message });
});
