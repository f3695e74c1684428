package web

import (
	"testing"
)

// styleAgreement compares, in the page, the settlement layers of /style.json (a date's layers)
// with the page's own (feature state set for the slider's day): once the page's feature-state
// reads are put back as the property reads they stand for, both must be the same layers.
const styleAgreement = `(async (lang) => {
  const res = await fetch('/style.json?date=2020-11-20&lang=' + lang);
  const style = await res.json();
  const ours = controlmap.map.getStyle().layers;
  const read = {c: ['get', 'controller'], n: ['get', 'next'], p: ['get', 'previous'], s: ['case', ['get', 'changing'], 'changing', ['get', 'status']]};
  // unstate puts the reads back, and sorts the keys of objects (Go writes them sorted).
  const unstate = (v) => Array.isArray(v)
    ? (v[0] === 'feature-state' ? read[v[1]] : v.map(unstate))
    : (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, unstate(x)])) : v);
  const rules = (l) => l && JSON.stringify({type: l.type, minzoom: l.minzoom, layout: unstate(l.layout || {}), paint: unstate(l.paint || {}), source: l.source, sourceLayer: l['source-layer']});
  const diffs = [];
  for (const [theirs, mine] of [['settlements', 'cm-settlements'], ['settlement-labels', 'cm-labels']]) {
    const a = rules(style.layers.find((l) => l.id === theirs));
    const b = rules(ours.find((l) => l.id === mine));
    if (a !== b) diffs.push(theirs + ': ' + a + '\n' + mine + ': ' + b);
  }
  const leftIn = ours.filter((l) => l.source === 'settlements' && !l.id.startsWith('cm-')).map((l) => l.id);
  if (leftIn.length) diffs.push('the page draws the style\'s own settlement layers too: ' + leftIn);
  return diffs;
})`

// TestBrowserStyleAgrees: the page and /style.json draw settlements by the same rules (colours
// per controller, claimed, disputed and changing styles, radii, labels by rank and zoom, fonts).
func TestBrowserStyleAgrees(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 800, 600)
	for _, lang := range []string{"en", "hy"} {
		openMap(t, ctx, srv.URL+"/?date=2020-11-20&lang="+lang)
		if diffs := eval[[]string](t, ctx, `(`+styleAgreement+`)('`+lang+`')`); len(diffs) > 0 {
			t.Errorf("lang %s: the page's settlement layers differ from /style.json's:\n%v", lang, diffs)
		}
	}
	assertNoPageErrors(t, ctx)
}
