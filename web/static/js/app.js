// The map page: wires the slider, legend, settlement panel, changes list, search, compare,
// table view, embed dialog, language and URL state around the shared map.

import { boot } from './boot.js';
import { api } from './api.js';
import { dayToISO, isoToDay } from './dates.js';
import { $, debounce } from './dom.js';
import { t } from './i18n.js';
import { applyDay, setLabelLang, setBasemapLang, onSettlementClick, hoverNames, whenLoaded, SETTLEMENTS_ADDED } from './map.js';
import { TimeSlider } from './slider.js';
import { Legend } from './legend.js';
import { SettlementPanel } from './panel.js';
import { ChangesList } from './changes.js';
import { ComparePanel } from './compare.js';
import { SettlementTable } from './table.js';
import { SearchIndex, attachSearch } from './search.js';
import { PlaceNames } from './places.js';
import { EmbedDialog } from './embeddialog.js';
import { toParams, writeState, writeStateNow } from './urlstate.js';

const DRAWERS = ['panel', 'changes', 'compare', 'table-view'];

// firstDrawer is the drawer the page opens at start (main's end opens it for good).
function firstDrawer(state) {
  if (state.selected) return 'panel';
  if (state.compare) return 'compare';
  return matchMedia('(min-width: 900px)').matches ? 'changes' : null;
}

async function main() {
  // The first drawer is laid out before the map starts, so that the map starts at its size:
  // the view fits the map as shown, and no resize redraws it.
  const ctx = await boot($('#map'), { layout: (state) => { const d = firstDrawer(state); if (d) $(`#${d}`).hidden = false; } });
  const { state, store, actors, map, range, timeline } = ctx;
  const lang = () => state.lang;
  let changed = [];
  const places = new PlaceNames(store.settlements);

  const syncURL = () => {
    const c = map.getCenter();
    Object.assign(state, { center: [c.lng, c.lat], zoom: map.getZoom(), bbox: null });
    writeState(state);
  };
  const legend = new Legend($('#legend'), actors, lang);
  const changes = new ChangesList($('#changes'), {
    store, actors, places, lang, bounds: () => map.getBounds(),
    onPick: (c) => select(c.sid, { fly: true }),
  });
  const table = new SettlementTable($('#table-view'), { store, actors, places, lang, onPick: (sid) => select(sid, { fly: true }) });
  const panel = new SettlementPanel($('#panel'), {
    store, actors, lang, load: api.settlement,
    onGoto: (day) => slider.set(day),
    onClose: () => { panel.close(); state.selected = null; redraw(); writeState(state); },
  });
  const compare = new ComparePanel($('#compare'), {
    api, actors, places, lang, range,
    onChange: (dates, ids) => { state.compare = dates; changed = ids; redraw(); legend.update(store.counts(state.day), !!dates); writeState(state); },
    onPick: (sid) => select(sid, { fly: true }),
  });
  const slowViews = debounce((day) => { table.update(day); changes.update(day); }, 120);

  // redraw sets the feature state that changes at once: MapLibre draws it in the coming frame
  // (one frame for any number of calls), so a slider step shows in the frame after its input.
  function redraw() {
    applyDay(map, state.day, { selected: state.selected, changed });
  }

  function onDay(day) {
    state.day = day;
    redraw();
    legend.update(store.counts(day), !!state.compare);
    panel.update(day);
    $('#download').href = api.snapshotURL(dayToISO(day));
    slowViews(day);
    writeState(state);
  }

  const slider = new TimeSlider($('#timeline'), {
    min: range[0], max: range[1], dateCounts: (timeline.dates || []).filter((d) => Number.isFinite(d.day)),
    changes: { prev: (d) => store.prevChangeDay(d), next: (d) => store.nextChangeDay(d) },
    onChange: onDay,
  });

  function select(sid, { fly = false, coords = null } = {}) {
    const s = store.get(sid);
    if (!s && store.partial && coords) {
      // A place found by the API whose tile is not loaded: go there, and select it once loaded.
      whenLoaded(map, store, sid, () => select(sid));
      map.flyTo({ center: coords, zoom: Math.max(map.getZoom(), 12), essential: true });
      return;
    }
    if (!s) return;
    state.selected = sid;
    showDrawer('panel');
    panel.open(sid, state.day);
    redraw();
    if (fly) map.flyTo({ center: s.coords, zoom: Math.max(map.getZoom(), 11), essential: true });
    writeState(state);
  }

  function showDrawer(id) {
    for (const d of DRAWERS) {
      const open = d === id;
      $(`#${d}`).hidden = !open;
      const btn = document.querySelector(`[aria-controls="${d}"]`);
      if (btn) btn.setAttribute('aria-expanded', String(open));
    }
    if (id !== 'panel' && state.selected) { panel.close(); state.selected = null; redraw(); }
    if (id === 'table-view') table.update(state.day);
    if (id === 'changes') changes.update(state.day);
  }

  for (const id of ['changes', 'compare', 'table-view']) {
    const btn = document.querySelector(`[aria-controls="${id}"]`);
    btn.addEventListener('click', () => showDrawer(btn.getAttribute('aria-expanded') === 'true' ? null : id));
    $(`#${id} .close`)?.addEventListener('click', () => showDrawer(null));
  }

  onSettlementClick(map, (sid) => select(sid));
  hoverNames(map, lang);
  map.on('moveend', () => { syncURL(); changes.update(state.day); });
  // A store filled from the tiles grows as the map loads them: the views that list settlements follow.
  map.on(SETTLEMENTS_ADDED, () => { legend.update(store.counts(state.day), !!state.compare); slowViews(state.day); });
  const search = new SearchIndex(store, store.partial ? (q) => api.search(q) : null);
  attachSearch($('#search'), $('#search-results'), search, places, lang, (s) => select(s.sid, { fly: true, coords: s.coords }));

  const langSelect = $('#lang');
  langSelect.value = state.lang;
  langSelect.addEventListener('change', () => {
    state.lang = langSelect.value;
    document.documentElement.lang = state.lang;
    for (const m of [map, ctx.labels]) if (m) setLabelLang(m, state.lang);
    setBasemapLang(map, ctx.styleURL, state.lang, ctx);
    onDay(state.day);
    changes.update(state.day);
  });

  const embed = new EmbedDialog($('#embed-dialog'), () => { syncURL(); return toParams(state); });
  $('#embed-button').addEventListener('click', () => embed.open());

  slider.set(state.day);
  if (state.selected && store.partial && !store.get(state.selected)) {
    // A store filled from the tiles knows the place once its tile is loaded.
    const sid = state.selected;
    whenLoaded(map, store, sid, () => { if (!state.selected || state.selected === sid) select(sid); });
  }
  if (state.selected && store.get(state.selected)) select(state.selected);
  else if (state.compare) showDrawer('compare');
  else showDrawer(matchMedia('(min-width: 900px)').matches ? 'changes' : null);
  if (state.compare) compare.run(state.compare);

  Object.assign(window.controlmap, {
    setDate: (d) => slider.set(typeof d === 'string' ? isoToDay(d) : d),
    select: (sid) => select(sid),
    flushURL: () => { syncURL(); writeStateNow(state); return location.href; },
  });
  await window.controlmap.drawn();
  performance.mark('cm-settlements-drawn');
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  console.error('controlmap:', err);
  const box = document.getElementById('fatal');
  box.hidden = false;
  box.textContent = t('fatal', { message: err.message });
});
