// The MapLibre map: basemap style with a fallback, and the settlement layers, one point per
// settlement coloured through feature state by its controller on the slider's date.

import * as maplibregl from '/static/vendor/maplibre-gl/maplibre-gl.mjs';
import { nameIn } from './i18n.js';

export const UNKNOWN_COLOR = '#9e9e9e';
export const COMPARE_COLOR = '#ffd400';
export const LAYERS = { compare: 'cm-compare', dots: 'cm-settlements', selected: 'cm-selected', labels: 'cm-labels' };
const SOURCE = 'cm-settlements';

// SOURCE_KIND switches the settlement points between GeoJSON made in the browser from
// /api/periods and a vector tile layer "settlements" with one point per settlement (sid).
const SOURCE_KIND = 'geojson';

export const FALLBACK_STYLE = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } }],
};

// settlementSource returns the source of the settlement points: one feature per settlement,
// identified by its sid, whose controller on the slider's date is set as feature state.
export function settlementSource(store) {
  if (SOURCE_KIND === 'vector') return { type: 'vector', url: '/tiles/settlements.json', promoteId: { settlements: 'sid' } };
  return { type: 'geojson', data: settlementPoints(store), promoteId: 'sid' };
}

function sourceLayer() {
  return SOURCE_KIND === 'vector' ? { 'source-layer': 'settlements' } : {};
}

const POINT_PROPS = ['sid', 'name', 'name_en', 'name_az', 'name_hy', 'name_ru', 'district', 'rank'];

function settlementPoints(store) {
  const features = [];
  for (const s of store.settlements.values()) {
    const properties = {};
    for (const k of POINT_PROPS) if (s.props[k] !== undefined) properties[k] = s.props[k];
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: s.coords }, properties });
  }
  return { type: 'FeatureCollection', features };
}

// styleURLFor asks the server's own style for labels in lang; an external style is left as is.
export function styleURLFor(url, lang) {
  if (!url || !url.startsWith('/')) return url;
  const u = new URL(url, location.origin);
  u.searchParams.set('lang', lang);
  return u.pathname + u.search;
}

// setBasemapLang reloads the basemap style in lang, keeping the settlement source and layers.
export async function setBasemapLang(map, url, lang) {
  const next = styleURLFor(url, lang);
  if (next === url) return;
  const style = await loadStyle(next);
  if (style === FALLBACK_STYLE) return;
  const p = painters.get(map);
  map.once('style.load', () => {
    const { day, selected, changedList } = p;
    Object.assign(p, { shown: new Map(), selected: null, changed: '' });
    applyDay(map, day, { selected, changed: changedList });
  });
  map.setStyle(style, {
    transformStyle: (prev, fresh) => ({
      ...fresh,
      sources: { ...fresh.sources, [SOURCE]: prev.sources[SOURCE] },
      layers: [...fresh.layers, ...prev.layers.filter((l) => l.id.startsWith('cm-'))],
    }),
  });
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
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  return map;
}

export function addControls(map, attribution, { compact = false } = {}) {
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.AttributionControl({ compact, customAttribution: attribution }), 'bottom-right');
  map.addControl(new maplibregl.ScaleControl({ maxWidth: 100 }), 'bottom-right');
}

function colorExpr(actors) {
  if (!actors.length) return UNKNOWN_COLOR;
  return ['match', ['coalesce', ['feature-state', 'c'], ''], ...actors.flatMap((a) => [a.id, a.color]), UNKNOWN_COLOR];
}

const isStatus = (s) => ['==', ['feature-state', 's'], s];
const NONE = ['boolean', false];

function textFont(style) {
  for (const l of style.layers || []) {
    const f = l.layout && l.layout['text-font'];
    if (Array.isArray(f) && f.every((x) => typeof x === 'string')) return f;
  }
  return ['Noto Sans Regular'];
}

// Each map's settlement painter: what it shows now, so that a step touches only what changes.
const painters = new WeakMap();

// addSettlementLayers draws the settlements above the basemap.
export function addSettlementLayers(map, { store, actors, style, lang }) {
  map.addSource(SOURCE, settlementSource(store));
  const color = colorExpr(actors);
  const base = { source: SOURCE, ...sourceLayer() };
  map.addLayer({
    id: LAYERS.compare, type: 'circle', ...base, filter: NONE,
    paint: { 'circle-radius': radius(6), 'circle-color': COMPARE_COLOR, 'circle-opacity': 0.55, 'circle-stroke-color': '#000', 'circle-stroke-width': 1.5 },
  });
  map.addLayer({
    id: LAYERS.dots, type: 'circle', ...base,
    paint: {
      'circle-radius': radius(0),
      'circle-color': ['case', isStatus('claimed'), '#ffffff', color],
      'circle-opacity': ['case', isStatus('claimed'), 0.7, 1],
      'circle-stroke-color': ['case', isStatus('claimed'), color, isStatus('disputed'), '#111111', '#ffffff'],
      'circle-stroke-width': ['case', isStatus('claimed'), 2.5, isStatus('disputed'), 2.5, 1],
    },
  });
  map.addLayer({
    id: LAYERS.selected, type: 'circle', ...base, filter: NONE,
    paint: { 'circle-radius': radius(5), 'circle-opacity': 0, 'circle-stroke-color': '#000', 'circle-stroke-width': 3 },
  });
  if (style.glyphs) {
    map.addLayer({
      id: LAYERS.labels, type: 'symbol', ...base, minzoom: 8,
      layout: {
        'text-field': labelExpr(lang), 'text-font': textFont(style), 'text-size': ['+', 10, ['get', 'rank']],
        'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 0.9,
        'text-optional': true, 'symbol-sort-key': ['-', 0, ['get', 'rank']],
      },
      paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
    });
  }
  painters.set(map, { store, shown: new Map(), day: null, selected: null, changed: '' });
}

// labelExpr names towns from zoom 8 and villages from zoom 10 (fewer labels to place).
// radius grows with zoom and rank; extra pixels make the rings around a settlement.
function radius(extra) {
  const r = (a, b) => ['+', a + extra, ['*', b, ['get', 'rank']]];
  return ['interpolate', ['linear'], ['zoom'], 6, r(1.5, 1), 10, r(3, 1.5), 14, r(6, 2)];
}

function labelExpr(lang) {
  const name = ['coalesce', ['get', `name_${lang}`], ['get', 'name']];
  return ['step', ['zoom'], ['case', ['>=', ['get', 'rank'], 2], name, ''], 10, name];
}

// applyDay colours each settlement by its controller on day: a step sets the feature state of
// the settlements whose controller or status changes, with no data reload and no request.
export function applyDay(map, day, { selected = null, changed = null } = {}) {
  const p = painters.get(map);
  p.day = day;
  for (const s of p.store.settlements.values()) {
    const period = p.store.periodAt(s, day);
    const c = period ? period.controller : '';
    const st = period ? period.status : '';
    const key = `${c}|${st}`;
    if (p.shown.get(s.sid) === key) continue;
    p.shown.set(s.sid, key);
    map.setFeatureState({ source: SOURCE, id: s.sid, ...featureLayer() }, { c, s: st });
  }
  if (selected !== p.selected) {
    p.selected = selected;
    map.setFilter(LAYERS.selected, selected ? ['==', ['get', 'sid'], selected] : NONE);
  }
  p.changedList = changed;
  const changedKey = changed && changed.length ? changed.join(',') : '';
  if (changedKey !== p.changed) {
    p.changed = changedKey;
    map.setFilter(LAYERS.compare, changedKey ? ['in', ['get', 'sid'], ['literal', changed]] : NONE);
  }
}

function featureLayer() {
  return SOURCE_KIND === 'vector' ? { sourceLayer: 'settlements' } : {};
}

// renderedSettlements lists the settlements drawn in the view with their state.
export function renderedSettlements(map) {
  return map.queryRenderedFeatures({ layers: [LAYERS.dots] }).map((f) => ({
    sid: f.properties.sid, controller: f.state.c || '', status: f.state.s || '',
  }));
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
    popup.setLngLat(e.features[0].geometry.coordinates).setText(nameIn(p, lang())).addTo(map);
  });
  map.on('mouseleave', LAYERS.dots, () => popup.remove());
}

export { maplibregl };
