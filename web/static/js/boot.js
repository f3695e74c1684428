// Shared start-up of the map page and the embed: read the URL, load the timeline, the control
// periods and the basemap style in parallel, draw the settlements, and expose test hooks.

import { api } from './api.js';
import { isoToDay, clamp } from './dates.js';
import { PeriodStore } from './store.js';
import { readState } from './urlstate.js';
import { setUILang, translateStatic, t } from './i18n.js';
import { el } from './dom.js';
import { startWorkers, prefetchGlyphs, loadStyle, styleURLFor, withSettlements, settlementLayers, splitStyle, createMap, createBaseMap, createLabelMap, followCamera, addControls, paintSettlements, applyDay, renderedSettlements, UNKNOWN_COLOR } from './map.js';

const cspViolations = [];
const mapErrors = [];
document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));

// boot starts the page's map in container; layout(state), when given, lays the page out as
// it will be at start, before the map takes its size.
export async function boot(container, { layout = null } = {}) {
  performance.mark('cm-boot');
  const state = readState();
  setUILang('en');
  document.documentElement.lang = state.lang;
  translateStatic();
  if (layout) layout(state);
  startWorkers();
  const styleURL = document.querySelector('meta[name="controlmap:style"]')?.content || '';
  const [timeline, tiles, style] = await Promise.all([api.timeline(), api.tileJSON().catch(() => null), loadStyle(styleURLFor(styleURL, state.lang))]);
  prefetchGlyphs(style, state.lang);
  const actors = new Map((timeline.actors || []).map((a) => [a.id, a]));
  // The map starts now, with the settlement layers in its style, while a small dataset's
  // periods load: its tiles, glyphs and shaders do not wait for them, nor they for the map.
  const storeLoaded = loadStore(timeline, tiles);
  const layers = settlementLayers({ actors: [...actors.values()], style, lang: state.lang });
  // Three maps, one over the other (splitStyle): the basemap under and the labels over, which
  // a slider step leaves as they are, and between them the map the page works with.
  const view = initialView(state, tiles);
  const { under, over } = splitStyle(withSettlements(style, layers, tiles));
  const base = under.layers.length ? createBaseMap(container, under, view) : null;
  const map = createMap(container, over, view);
  const labels = createLabelMap(map, over, view);
  followCamera(map, [base, labels].filter(Boolean));
  const styleLoaded = new Promise((resolve) => map.once('style.load', resolve));
  for (const m of [map, base, labels]) m?.on('error', (e) => mapErrors.push(String(e.error?.message || e.error || e)));
  addControls(map, creditsLine(timeline), { compact: false });
  bindCredits(timeline);
  const store = await storeLoaded;
  const range = dateRange(timeline, store);
  state.day = clamp(state.day ?? range[1], range[0], range[1]);
  await styleLoaded;
  paintSettlements(map, store);
  applyDay(map, state.day, { selected: state.selected });

  const ctx = { state, timeline, store, actors, range, map, base, labels, style, styleURL };
  exposeHooks(ctx);
  return ctx;
}

// SMALL_PERIODS is the most control periods for which the map loads them all from
// /api/periods at start-up (the seed, the 1,200 settlements of the region: an instant slider
// and complete counts, lists and search). Past it the map reads the periods of the
// settlements it has loaded from the tiles' timeline property (docs/CONTRACT.md), so that its
// first load stays small whatever the dataset.
export const SMALL_PERIODS = 20000;

async function loadStore(timeline, tiles) {
  const periods = tiles && tiles['controlmap:periods'];
  if (!Number.isFinite(periods) || periods <= SMALL_PERIODS) return new PeriodStore(await api.periods());
  return PeriodStore.fromTiles((timeline.dates || []).map((d) => d.day).filter(Number.isFinite));
}

// dateRange runs from the first change to today (or the last change, if later).
function dateRange(timeline, store) {
  const days = store.changeDays;
  const start = isoToDay(timeline.start) ?? days[0] ?? isoToDay('1988-01-01');
  const end = Math.max(isoToDay(timeline.end) ?? start, isoToDay(timeline.today) ?? start, days[days.length - 1] ?? start);
  return [start, end];
}

// initialView is the URL's view, or the settlements' bounds (the TileJSON's, so that the map
// need not wait for the periods).
function initialView(state, tiles) {
  if (state.center) return { center: state.center, zoom: state.zoom ?? 10 };
  const bbox = state.bbox || tiles?.bounds;
  if (bbox) return { bounds: [[bbox[0], bbox[1]], [bbox[2], bbox[3]]], fitBoundsOptions: { padding: 30, maxZoom: 12 } };
  return {};
}

// The API's metadata; older answers had it at the top level.
function meta(timeline) {
  return { ...timeline, ...(timeline.metadata || {}) };
}

// creditsLine is the always-visible attribution: the licence and a link to the full credits.
// MapLibre writes attributions as HTML, so the licence text is escaped.
function creditsLine(timeline) {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const licence = meta(timeline).licence;
  return `<a href="#credits" class="cm-credits">${esc(t('credits.data'))}${licence ? `, ${esc(licence)}` : ''} · ${esc(t('credits.link'))}</a>`;
}

// bindCredits opens a dialog with the full attribution of the data (inserted as text).
function bindCredits(timeline) {
  const text = meta(timeline).attribution || '';
  document.addEventListener('click', (ev) => {
    if (!ev.target.closest || !ev.target.closest('.cm-credits')) return;
    ev.preventDefault();
    let dialog = document.getElementById('credits');
    if (!dialog) {
      dialog = el('dialog', { id: 'credits', 'aria-labelledby': 'credits-title' },
        el('h2', { id: 'credits-title', text: t('credits.title') }),
        el('p', { text }),
        el('form', { method: 'dialog' }, el('button', { type: 'submit', text: t('close') })));
      document.body.append(dialog);
    }
    dialog.showModal();
  });
}

// idle resolves once map has drawn all it has to.
function idle(map) {
  return new Promise((resolve) => {
    if (map.loaded() && !map.isMoving() && map.areTilesLoaded()) resolve();
    map.once('idle', resolve);
  });
}

// frameCommitted resolves in the task after the current one: called while the map draws a
// frame (in an animation frame), that is once the browser has taken the frame for the screen,
// the wait for the WebGL work included (it ends the animation frame's task).
function frameCommitted() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

// exposeHooks gives tests and measurements a handle on the page (no sleeping in tests).
function exposeHooks(ctx) {
  const hooks = window.controlmap || (window.controlmap = {});
  Object.assign(hooks, {
    map: ctx.map,
    actors: [...ctx.actors.values()],
    store: ctx.store,
    state: ctx.state,
    cspViolations,
    mapErrors,
    // rendered returns the settlements drawn on the map, as {sid, controller, status, color}.
    rendered() {
      return renderedSettlements(ctx.map).map((r) => ({ ...r, color: ctx.actors.get(r.controller)?.color || UNKNOWN_COLOR }));
    },
    // idle resolves once the map, and the basemap's and labels' maps, have drawn all they have to.
    idle: () => Promise.all([ctx.map, ctx.base, ctx.labels].filter(Boolean).map(idle)),
    // drawn resolves once the maps are idle and their frames on their way to the screen.
    drawn: async () => { await hooks.idle(); await frameCommitted(); },
    // nextFrame resolves once the map's next frame is on its way to the screen.
    nextFrame: () => new Promise((resolve) => ctx.map.once('render', () => frameCommitted().then(resolve))),
  });
}
