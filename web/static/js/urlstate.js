// The view lives in the URL (date, centre/zoom or bbox, settlement, language, compare dates,
// controls), so that every view is a shareable link.

import { isoToDay, dayToISO } from './dates.js';
import { normalizeLang } from './i18n.js';
import { debounce } from './dom.js';

function numbers(s, n) {
  if (!s) return null;
  const xs = s.split(',').map(Number);
  return xs.length === n && xs.every(Number.isFinite) ? xs : null;
}

export function readState(search = location.search) {
  const q = new URLSearchParams(search);
  const center = numbers(q.get('center'), 2);
  const zoom = q.has('zoom') ? Number(q.get('zoom')) : null;
  const bbox = numbers(q.get('bbox'), 4);
  const compare = (q.get('compare') || '').split(',').map(isoToDay);
  const sid = q.get('settlement');
  return {
    day: isoToDay(q.get('date')),
    center: center && Math.abs(center[0]) <= 180 && Math.abs(center[1]) <= 90 ? center : null,
    zoom: Number.isFinite(zoom) && zoom >= 0 && zoom <= 22 ? zoom : null,
    bbox,
    selected: sid && /^[a-z0-9-]{1,100}$/.test(sid) ? sid : null,
    lang: normalizeLang(q.get('lang')),
    compare: compare.length === 2 && compare.every((d) => d !== null) ? compare : null,
    controls: q.get('controls') === 'none' ? 'none' : 'slider',
  };
}

// toParams turns a state into URL parameters; the default language is left out.
export function toParams(s) {
  const q = new URLSearchParams();
  if (s.day !== null && s.day !== undefined) q.set('date', dayToISO(s.day));
  if (s.center) q.set('center', s.center.map((x) => x.toFixed(5)).join(','));
  if (s.zoom !== null && s.zoom !== undefined) q.set('zoom', s.zoom.toFixed(2));
  if (s.bbox && !s.center) q.set('bbox', s.bbox.map((x) => x.toFixed(5)).join(','));
  if (s.selected) q.set('settlement', s.selected);
  if (s.lang && s.lang !== 'en') q.set('lang', s.lang);
  if (s.compare) q.set('compare', s.compare.map(dayToISO).join(','));
  if (s.controls === 'none') q.set('controls', 'none');
  return q;
}

export function writeStateNow(s) {
  const url = `${location.pathname}?${toParams(s).toString()}`;
  if (url !== location.pathname + location.search) history.replaceState(null, '', url);
}

export const writeState = debounce(writeStateNow, 250);
