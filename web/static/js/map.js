// The MapLibre map: basemap style with a fallback, and the settlement layers on the style's
// vector tiles, one point per settlement coloured through feature state by its controller on
// the slider's date (computed in the browser from the store's periods, so a step asks for
// nothing). A store filled from the tiles learns the periods of each settlement from the
// timeline property "t" of the features MapLibre loads, and only those get feature state.

import * as maplibregl from '/static/vendor/maplibre-gl/maplibre-gl.mjs';
import { nameIn } from './i18n.js';
import { OPEN_END } from './dates.js';
import { TILEJSON } from './api.js';

export const UNKNOWN_COLOR = '#9e9e9e';
export const COMPARE_COLOR = '#ffd400';
export const LAYERS = { compare: 'cm-compare', dots: 'cm-settlements', selected: 'cm-selected', labels: 'cm-labels' };

// SOURCE is the style's vector source of period features (docs/CONTRACT.md), layer "settlements".
const SOURCE = 'settlements';
const SOURCE_LAYER = 'settlements';

// LAST keeps one feature per settlement, its open-ended last period: the layers draw each
// settlement once whatever the date, and the date's controller comes as feature state.
const LAST = ['==', ['get', 'to'], OPEN_END];

export const FALLBACK_STYLE = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } }],
};

// withSettlements returns style with the settlements source keyed by settlement id (sid), so
// that feature state set by sid reaches every period feature of a settlement, loaded or not,
// and with the page's settlement layers (settlementLayers) on top when given: in the style the
// map starts with, they load their tiles with the basemap's, not after it has drawn.
// A style without the source (an external basemap) gets the server's own. The server's style
// draws the settlements of one date (/style.json?date=); the page leaves those layers out and
// draws its own, the same rules with feature state in place of the date's properties, so that
// a slider step re-lays no tile out (the browser test TestBrowserStyleAgrees holds both equal).
export function withSettlements(style, settlementLayers = [], tileJSON = null) {
  const src = inlineTileJSON(style.sources?.[SOURCE] || { type: 'vector', url: TILEJSON }, tileJSON);
  const layers = (style.layers || []).filter((l) => l.source !== SOURCE);
  return {
    ...style,
    layers: [...layers, ...settlementLayers],
    sources: { ...style.sources, [SOURCE]: { ...src, promoteId: { [SOURCE_LAYER]: 'sid' } } },
  };
}

// inlineTileJSON puts the TileJSON the page has loaded in place of a source's link to it, so
// that MapLibre asks for the tiles at once rather than for the TileJSON again first.
function inlineTileJSON(src, tileJSON) {
  if (!tileJSON || !src.url || new URL(src.url, location.href).href !== new URL(TILEJSON, location.href).href) return src;
  const { url, ...rest } = src;
  const { tiles, minzoom, maxzoom, bounds, scheme, attribution } = tileJSON;
  return { ...rest, tiles, minzoom, maxzoom, bounds, scheme, attribution };
}

// styleURLFor asks the server's own style for labels in lang; an external style is left as is.
export function styleURLFor(url, lang) {
  if (!url || !url.startsWith('/')) return url;
  const u = new URL(url, location.origin);
  u.searchParams.set('lang', lang);
  return u.pathname + u.search;
}

// setBasemapLang reloads the basemap style in lang, keeping the settlement layers: its layers
// under the first symbol layer go to base (the map under, if any), the others to map. The style
// differs only in its labels, so MapLibre applies it as a diff: the settlement source, its
// loaded tiles and feature state stay.
export async function setBasemapLang(map, url, lang, { base = null, labels = null } = {}) {
  const next = styleURLFor(url, lang);
  if (next === url) return;
  const style = await loadStyle(next);
  if (style === FALLBACK_STYLE) return;
  const { under, over } = base ? splitStyle(withSettlements(style)) : { under: null, over: withSettlements(style) };
  // The page's layers stay, and its settlements source as it is (its TileJSON inlined).
  const keep = (only) => (prev, fresh) => ({
    ...fresh,
    sources: { ...fresh.sources, [SOURCE]: prev.sources[SOURCE] || fresh.sources[SOURCE] },
    layers: [...fresh.layers, ...prev.layers.filter((l) => l.id.startsWith('cm-'))].filter(only),
  });
  if (base) base.setStyle(under);
  if (labels) labels.setStyle(over, { transformStyle: keep((l) => l.type === 'symbol') });
  map.setStyle(over, { transformStyle: keep(() => true) });
  if (map.getLayer(LAYERS.dots)) return;
  // Not a diff: the style was rebuilt, so its feature state is to be set again.
  const p = painters.get(map);
  map.once('style.load', () => {
    const { day, selected, changedList } = p;
    Object.assign(p, { shown: new Map(), day: null, selected: null, changed: '' });
    applyDay(map, day, { selected, changed: changedList });
  });
}

// startWorkers starts MapLibre's workers (fetching and compiling their script) while the page
// loads its data, before any map asks for them.
export function startWorkers() {
  maplibregl.prewarm();
}

// GLYPH_RANGES are the first glyph ranges (their first code points) the labels in each
// language need: Latin, with the script of the language.
const GLYPH_RANGES = { en: [0], az: [0, 256], hy: [0, 1280], ru: [0, 1024] };

// prefetchGlyphs asks, while the map starts, for the glyphs its labels in lang will need in
// each font of style, so that MapLibre finds them in the HTTP cache rather than asking only
// once its tiles are laid out. Failures are left to MapLibre's own requests.
export function prefetchGlyphs(style, lang) {
  if (!style.glyphs) return;
  const stacks = new Set();
  for (const l of style.layers || []) {
    const f = l.layout && l.layout['text-font'];
    if (Array.isArray(f) && f.every((x) => typeof x === 'string')) stacks.add(f.join(','));
  }
  for (const stack of stacks) {
    for (const start of GLYPH_RANGES[lang] || GLYPH_RANGES.en) {
      const url = style.glyphs.replace('{fontstack}', stack).replace('{range}', `${start}-${start + 255}`);
      fetch(url).catch(() => {});
    }
  }
}

// loadStyle fetches the basemap style; on any failure the map still works on a plain background.
export async function loadStyle(url) {
  if (!url) return FALLBACK_STYLE;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`style: HTTP ${res.status}`);
    const style = await res.json();
    if (style.version !== 8) throw new Error('style: not a MapLibre style');
    return style;
  } catch (err) {
    console.warn('controlmap: basemap style unavailable, using a plain background', err);
    return FALLBACK_STYLE;
  }
}

export function createMap(container, style, view, opts = {}) {
  const map = new maplibregl.Map({
    container,
    style,
    center: view.center || [46.75, 39.8],
    zoom: view.zoom ?? 8,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxZoom: 16,
    fadeDuration: 0, // labels follow the slider at once
    ...opts,
  });
  map.touchZoomRotate?.disableRotation();
  map.keyboard?.disableRotation();
  skipHiddenSky(map);
  return map;
}

// splitStyle splits a style in two maps drawn one over the other: under, the layers below its
// first symbol layer (the basemap's land, water, borders), and over, that layer and all above
// (labels, the settlements; createLabelMap draws the labels in a third map over them). A
// slider step redraws only the settlements: in software WebGL a frame costs by the pixels its
// layers cover, and the basemap under covers them all.
export function splitStyle(style) {
  const layers = style.layers || [];
  let cut = layers.findIndex((l) => l.type === 'symbol' || l.source === SOURCE);
  if (cut < 0) cut = layers.length;
  const { [SOURCE]: _, ...sources } = style.sources || {};
  return {
    under: { ...style, sources, layers: layers.slice(0, cut) },
    over: { ...style, layers: layers.slice(cut) },
  };
}

// createBaseMap draws style under the map that container will hold: a map of its own in a
// layer below, without controls or gestures, that follows the map's camera (followCamera).
export function createBaseMap(container, style, view) {
  const div = layerDiv();
  container.append(div);
  return createMap(div, style, view, { interactive: false });
}

// createLabelMap draws the symbol layers of map's style (the labels) in a map of its own over
// map's canvas, and leaves them out of map's frames: map still lays them out and places them
// (queries, hover), but a slider step, which changes no label, redraws the settlements alone.
// It returns null, and map draws its labels itself, where MapLibre has no hook for that.
export function createLabelMap(map, style, view) {
  const layers = (style.layers || []).filter((l) => l.type === 'symbol');
  if (!layers.length || !wrapDraw(map, 'symbol', () => () => {})) return null;
  const div = layerDiv();
  map.getCanvasContainer().after(div);
  return createMap(div, { ...style, layers }, view, { interactive: false });
}

// layerDiv is the element of a map drawn under or over the page's map.
function layerDiv() {
  const div = document.createElement('div');
  div.className = 'cm-layer-map';
  return div;
}

// wrapDraw replaces MapLibre's draw function of kind (a layer type, or "sky") in map's
// painter with wrap(the original); it returns false, and changes nothing, where MapLibre has
// no such hook (painter.drawFunctions).
function wrapDraw(map, kind, wrap) {
  const painter = map.painter;
  const draw = painter && painter.drawFunctions;
  if (!draw || typeof draw[kind] !== 'function') return false;
  painter.drawFunctions = { ...draw, [kind]: wrap(draw[kind]) };
  return true;
}

// followCamera keeps each of others on map's camera, drawn in the same frame as map once loaded.
export function followCamera(map, others) {
  for (const other of others) {
    let loaded = false;
    other.once('load', () => { loaded = true; });
    map.on('move', () => {
      other.jumpTo({ center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() });
      if (loaded) other.redraw();
    });
  }
}

// skipHiddenSky leaves out MapLibre's sky pass while the map is flat. MapLibre draws the
// style's sky (transparent when the style has none) as a full-window pass on every frame, even
// where no sky can show; the page never pitches the map. In software WebGL (SwiftShader, a
// browser without a GPU) that pass is about 30 ms of CPU per frame, a third of a frame at
// 1280x800: every slider step and every frame of the first draw paid it. The hook is
// MapLibre's painter.drawFunctions; without it (another MapLibre) nothing changes.
function skipHiddenSky(map) {
  wrapDraw(map, 'sky', (sky) => (...args) => { if (map.getPitch() > 0) sky(...args); });
}

export function addControls(map, attribution, { compact = false } = {}) {
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.AttributionControl({ compact, customAttribution: attribution }), 'bottom-right');
  map.addControl(new maplibregl.ScaleControl({ maxWidth: 100 }), 'bottom-right');
}

// colorExpr colours by the actor id in feature state key: "c" the controller, "n" the incoming
// controller of a changing settlement.
function colorExpr(actors, key = 'c') {
  if (!actors.length) return UNKNOWN_COLOR;
  return ['match', ['coalesce', ['feature-state', key], ''], ...actors.flatMap((a) => [a.id, a.color]), UNKNOWN_COLOR];
}

const isStatus = (s) => ['==', ['feature-state', 's'], s];
// isAbandoned reads the place's own abandoned property (absent: false) from the features.
const isAbandoned = ['coalesce', ['get', 'abandoned'], false];
export const ABANDONED_RING = '#8a8a8a';
const NONE = ['boolean', false];

// textFont is a regular font the style ships, for the settlement labels.
function textFont(style) {
  const fonts = [];
  for (const l of style.layers || []) {
    const f = l.layout && l.layout['text-font'];
    if (Array.isArray(f) && f.every((x) => typeof x === 'string')) fonts.push(f);
  }
  return fonts.find((f) => f.some((x) => x.includes('Regular'))) || fonts[0] || ['Noto Sans Regular'];
}

// SETTLEMENTS_ADDED is the map event fired when a store filled from the tiles has grown.
export const SETTLEMENTS_ADDED = 'controlmap.settlements';

// whenLoaded calls fn once store holds settlement sid (a store filled from the tiles knows a
// place once its tile is loaded): at once if it does already.
export function whenLoaded(map, store, sid, fn) {
  if (store.get(sid)) return fn();
  const check = () => { if (store.get(sid)) { map.off(SETTLEMENTS_ADDED, check); fn(); } };
  map.on(SETTLEMENTS_ADDED, check);
}

// followTiles adds to a store filled from the tiles the settlements of the tiles MapLibre has
// loaded, once the source has loaded the tiles it was loading, and colours the new ones.
function followTiles(map, store) {
  let loaded = false; // a tile has loaded since the last look
  const collect = () => {
    const fs = map.querySourceFeatures(SOURCE, { sourceLayer: SOURCE_LAYER, filter: ['has', 't'] });
    if (!store.addTileFeatures(fs)) return;
    const p = painters.get(map);
    if (p && p.day !== null) applyDay(map, p.day, { selected: p.selected, changed: p.changedList });
    map.fire(SETTLEMENTS_ADDED);
  };
  map.on('sourcedata', (e) => {
    if (e.sourceId !== SOURCE) return;
    if (e.tile) loaded = true;
    if (loaded && e.isSourceLoaded) { loaded = false; collect(); }
  });
  if (map.isSourceLoaded(SOURCE)) collect();
}

// Each map's settlement painter: what it shows now, so that a step touches only what changes.
const painters = new WeakMap();

// settlementLayers are the page's settlement layers, drawn above the basemap style: the
// compare ring, the dots, the selection ring and (with glyphs) the labels.
export function settlementLayers({ actors, style, lang }) {
  const color = colorExpr(actors);
  const next = colorExpr(actors, 'n');
  const previous = colorExpr(actors, 'p');
  const base = { source: SOURCE, 'source-layer': SOURCE_LAYER };
  const layers = [{
    id: LAYERS.compare, type: 'circle', ...base, filter: NONE,
    paint: { 'circle-radius': radius(6), 'circle-color': COMPARE_COLOR, 'circle-opacity': 0.55, 'circle-stroke-color': '#000', 'circle-stroke-width': 1.5 },
  }, {
    id: LAYERS.dots, type: 'circle', ...base, filter: LAST,
    paint: {
      'circle-radius': radius(0),
      // Changing (an interval change under way): the outgoing side's colour, faded, ringed in the
      // incoming side's: a place whose day of change is unknown is not drawn as already taken.
      // An abandoned place otherwise: a faint fill with a grey ring.
      'circle-color': ['case', isStatus('claimed'), '#ffffff', isStatus('changing'), previous, color],
      'circle-opacity': ['case', isStatus('claimed'), 0.7, isStatus('changing'), 0.6, isAbandoned, 0.25, 1],
      'circle-stroke-color': ['case', isStatus('claimed'), color, isStatus('disputed'), '#111111', isStatus('changing'), next, isAbandoned, ABANDONED_RING, '#ffffff'],
      'circle-stroke-width': ['case', isStatus('claimed'), 2.5, isStatus('disputed'), 2.5, isStatus('changing'), 1.5, isAbandoned, 2, 1],
    },
  }, {
    id: LAYERS.selected, type: 'circle', ...base, filter: NONE,
    paint: { 'circle-radius': radius(5), 'circle-opacity': 0, 'circle-stroke-color': '#000', 'circle-stroke-width': 3 },
  }];
  if (style.glyphs) layers.push(labelLayer(base, textFont(style), lang));
  return layers;
}

// paintSettlements starts colouring the settlements of map's style (made with
// withSettlements and settlementLayers) from store: call it once the style has loaded, then
// applyDay on each date.
export function paintSettlements(map, store) {
  painters.set(map, { store, shown: new Map(), day: null, known: 0, selected: null, changed: '' });
  if (store.partial) followTiles(map, store);
}

// Settlement labels by zoom: cities from LABEL_ZOOM.city (a phone's view of the region), towns
// from LABEL_ZOOM.town (a desktop's view of the region) and villages from LABEL_ZOOM.village,
// where there is room for them. Labels never overlap: where two collide, the more prominent is
// placed (symbol-sort-key) and the other left out, with its dot still drawn.
// Whole zooms: MapLibre lays a tile's labels out at the tile's zoom.
export const LABEL_ZOOM = { city: 6, town: 8, village: 10 };

// labelLayer names each settlement in lang (or its default name), by the rules above.
function labelLayer(base, font, lang) {
  return {
    id: LAYERS.labels, type: 'symbol', ...base, filter: LAST, minzoom: LABEL_ZOOM.city,
    layout: {
      'text-field': labelExpr(lang), 'text-font': font,
      'text-size': ['interpolate', ['linear'], ['zoom'], 8, ['+', 9, ['get', 'rank']], 12, ['+', 10, ['*', 1.5, ['get', 'rank']]]],
      'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 1.2,
      'text-padding': 6, 'text-max-width': 9,
      'symbol-sort-key': ['-', 0, ['get', 'rank']],
    },
    paint: {
      'text-color': ['case', ['>=', ['get', 'rank'], 2], '#111', '#333'],
      'text-halo-color': '#fff', 'text-halo-width': 1.4,
    },
  };
}

// radius grows with zoom and rank, villages staying small over the whole region; extra pixels
// make the rings around a settlement.
function radius(extra) {
  const r = (a, b) => ['+', a + extra, ['*', b, ['get', 'rank']]];
  return ['interpolate', ['linear'], ['zoom'], 6, r(0.5, 1), 10, r(2, 1.5), 14, r(5, 2)];
}

// labelExpr is the name in lang of the settlements labelled at the zoom, '' for the others.
function labelExpr(lang) {
  const name = ['coalesce', ['get', `name_${lang}`], ['get', 'name']];
  const from = (rank) => ['case', ['>=', ['get', 'rank'], rank], name, ''];
  return ['step', ['zoom'], from(3), LABEL_ZOOM.town, from(2), LABEL_ZOOM.village, name];
}

// applyDay colours each settlement by its controller on day: a step sets the feature state of
// the settlements whose controller or status changes, with no tile reload and no request.
// Only the settlements with a period boundary between the last day drawn and day are looked
// at (store.changedBetween), unless the store has grown since: then every one is.
// Selection and compare change filters, which re-lays the loaded tiles out (no request either).
export function applyDay(map, day, { selected = null, changed = null } = {}) {
  const p = painters.get(map);
  const grown = p.known !== p.store.settlements.size;
  const settlements = p.day === null || grown ? p.store.settlements.values() : p.store.changedBetween(p.day, day);
  p.day = day;
  p.known = p.store.settlements.size;
  for (const s of settlements) paintOne(map, p, s, day);
  if (selected !== p.selected) {
    p.selected = selected;
    map.setFilter(LAYERS.selected, selected ? ['all', LAST, ['==', ['get', 'sid'], selected]] : NONE);
  }
  p.changedList = changed;
  const changedKey = changed && changed.length ? changed.join(',') : '';
  if (changedKey !== p.changed) {
    p.changed = changedKey;
    map.setFilter(LAYERS.compare, changedKey ? ['all', LAST, ['in', ['get', 'sid'], ['literal', changed]]] : NONE);
  }
}

// paintOne sets the feature state of settlement s for day when it differs from what is shown.
function paintOne(map, p, s, day) {
  const period = p.store.periodAt(s, day);
  const c = period ? period.controller : '';
  const st = period ? (period.changing ? 'changing' : period.status) : '';
  const n = period && period.changing ? period.next : '';
  const pv = period && period.changing ? period.previous || '' : '';
  const key = `${c}|${st}|${n}|${pv}`;
  if (p.shown.get(s.sid) === key) return;
  p.shown.set(s.sid, key);
  map.setFeatureState({ source: SOURCE, sourceLayer: SOURCE_LAYER, id: s.sid }, { c, s: st, n, p: pv });
}

// renderedSettlements lists the settlements drawn in the view with their state.
export function renderedSettlements(map) {
  const seen = new Map();
  for (const f of map.queryRenderedFeatures({ layers: [LAYERS.dots] })) {
    seen.set(f.properties.sid, { sid: f.properties.sid, controller: f.state.c || '', status: f.state.s || '' });
  }
  return [...seen.values()];
}

export function setLabelLang(map, lang) {
  if (map.getLayer(LAYERS.labels)) map.setLayoutProperty(LAYERS.labels, 'text-field', labelExpr(lang));
}
// onSettlementClick calls fn(sid) for a click on a settlement, with a pointer cursor on hover.
export function onSettlementClick(map, fn) {
  map.on('click', LAYERS.dots, (e) => { if (e.features[0]) fn(e.features[0].properties.sid); });
  map.on('mouseenter', LAYERS.dots, () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', LAYERS.dots, () => { map.getCanvas().style.cursor = ''; });
}

export function hoverNames(map, lang) {
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 8, className: 'hover' });
  map.on('mousemove', LAYERS.dots, (e) => {
    const p = e.features[0] && e.features[0].properties;
    if (!p) return;
    // A tile below a settlement's label zoom has no names: the store may (all of them for a small dataset).
    const s = painters.get(map)?.store.get(p.sid);
    popup.setLngLat(e.features[0].geometry.coordinates).setText(nameIn(s && s.props.name ? s.props : p, lang())).addTo(map);
  });
  map.on('mouseleave', LAYERS.dots, () => popup.remove());
}

export { maplibregl };
