// The controlmap API (docs/CONTRACT.md), same origin.

// TILEJSON is the TileJSON of the settlement tiles; the page inlines it in its style.
export const TILEJSON = '/tiles/settlements.json';

async function getJSON(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

export const api = {
  timeline: () => getJSON('/api/timeline'),
  periods: () => getJSON('/api/periods'),
  tileJSON: () => getJSON(TILEJSON),
  settlement: (id) => getJSON(`/api/collections/settlements/items/${encodeURIComponent(id)}`),
  // search finds settlements by name (the API's q), as the store's settlements ({sid, props, coords}).
  search: async (q, limit = 8) => {
    const fc = await getJSON(`/api/collections/settlements/items?q=${encodeURIComponent(q)}&limit=${limit}`);
    return (fc.features || []).map((f) => ({ sid: f.properties.id, props: { ...f.properties, sid: f.properties.id }, coords: f.geometry.coordinates }));
  },
  diff: (from, to) => getJSON(`/api/diff?from=${from}&to=${to}`),
  snapshotURL: (iso) => `/api/snapshots/${iso}.geojson`,
};
