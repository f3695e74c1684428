// The MapLibre map: basemap style with a fallback, and the settlement layers drawn from
// the control periods and filtered by day.

import * as maplibregl from '/static/vendor/maplibre-gl/maplibre-gl.mjs';
import { nameIn } from './i18n.js';

export const UNKNOWN_COLOR = '#9e9e9e';
export const COMPARE_COLOR = '#ffd400';
export const LAYERS = { compare: 'cm-compare', dots: 'cm-settlements', selected: 'cm-selected', labels: 'cm-labels' };
const SOURCE = 'cm-settlements';

// SOURCE_KIND switches the settlements between the GeoJSON of /api/periods and the
// vector tile layer "settlements" (same properties).
const SOURCE_KIND = 'geojson';

export const FALLBACK_STYLE = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } }],
};

export function settlementSource(periods) {
  if (SOURCE_KIND === 'vector') return { type: 'vector', url: '/tiles/settlements.json' };
  return { type: 'geojson', data: periods };
}

function sourceLayer() {
  return SOURCE_KIND === 'vector' ? { 'source-layer': 'settlements' } : {};
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

export function dayFilter(day) {
  return ['all', ['<=', ['get', 'from'], day], ['>', ['get', 'to'], day]];
}

function colorExpr(actors) {
  if (!actors.length) return UNKNOWN_COLOR;
  return ['match', ['get', 'controller'], ...actors.flatMap((a) => [a.id, a.color]), UNKNOWN_COLOR];
}

const isStatus = (s) => ['==', ['get', 'status'], s];

function textFont(style) {
  for (const l of style.layers || []) {
    const f = l.layout && l.layout['text-font'];
    if (Array.isArray(f) && f.every((x) => typeof x === 'string')) return f;
  }
  return ['Noto Sans Regular'];
}

// addSettlementLayers draws the settlements above the basemap.
export function addSettlementLayers(map, { periods, actors, style, day, lang }) {
  map.addSource(SOURCE, settlementSource(periods));
  const color = colorExpr(actors);
  const radius = ['interpolate', ['linear'], ['zoom'],
    6, ['+', 1.5, ['get', 'rank']], 10, ['+', 3, ['*', 1.5, ['get', 'rank']]], 14, ['+', 6, ['*', 2, ['get', 'rank']]]];
  const base = { source: SOURCE, ...sourceLayer(), filter: dayFilter(day) };
  map.addLayer({
    id: LAYERS.compare, type: 'circle', ...base, filter: ['==', 1, 0],
    paint: { 'circle-radius': ['+', radius, 6], 'circle-color': COMPARE_COLOR, 'circle-opacity': 0.55, 'circle-stroke-color': '#000', 'circle-stroke-width': 1.5 },
  });
  map.addLayer({
    id: LAYERS.dots, type: 'circle', ...base,
    paint: {
      'circle-radius': radius,
      'circle-color': ['case', isStatus('claimed'), '#ffffff', color],
      'circle-opacity': ['case', isStatus('claimed'), 0.7, 1],
      'circle-stroke-color': ['case', isStatus('claimed'), color, isStatus('disputed'), '#111111', '#ffffff'],
      'circle-stroke-width': ['case', isStatus('claimed'), 2.5, isStatus('disputed'), 2.5, 1],
    },
  });
  map.addLayer({
    id: LAYERS.selected, type: 'circle', ...base, filter: ['==', 1, 0],
    paint: { 'circle-radius': ['+', radius, 5], 'circle-opacity': 0, 'circle-stroke-color': '#000', 'circle-stroke-width': 3 },
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
}

function labelExpr(lang) {
  return ['coalesce', ['get', `name_${lang}`], ['get', 'name']];
}

// applyDay shows the periods valid on day; selected and changed settlements get their rings.
export function applyDay(map, day, { selected = null, changed = null } = {}) {
  const f = dayFilter(day);
  map.setFilter(LAYERS.dots, f);
  if (map.getLayer(LAYERS.labels)) map.setFilter(LAYERS.labels, f);
  map.setFilter(LAYERS.selected, selected ? ['all', f, ['==', ['get', 'sid'], selected]] : ['==', 1, 0]);
  map.setFilter(LAYERS.compare, changed && changed.length ? ['all', f, ['in', ['get', 'sid'], ['literal', changed]]] : ['==', 1, 0]);
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
