package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// abdalLngLat is where Abdal-Gulabli lies.
const abdalLngLat = "[46.94806, 39.87739]"

// openWatchedMap serves the seed, opens the map at the page path and query given, and watches
// every request of the page and of MapLibre's worker.
func openWatchedMap(t *testing.T, pathQuery string) (*httptest.Server, context.Context, *requestWatch) {
	t.Helper()
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	reqs := watchRequests(t, ctx)
	openMap(t, ctx, srv.URL+pathQuery)
	reqs.attachWorkers(t, ctx)
	return srv, ctx, reqs
}

func TestBrowserSettlementsFromTiles(t *testing.T) {
	srv, ctx, reqs := openWatchedMap(t, "/?date=2020-11-19&center=46.94806,39.87739&zoom=7")
	colors := eval[map[string]string](t, ctx, `Object.fromEntries(controlmap.actors.map(a => [a.id, a.color]))`)

	if n := tileSettlements(t, ctx); n == 0 {
		t.Fatal("z7: no settlement drawn from the tiles")
	}
	eval[bool](t, ctx, `(async () => { controlmap.map.jumpTo({center: `+abdalLngLat+`, zoom: 12}); await controlmap.idle(); return true })()`)
	if n := tileSettlements(t, ctx); n == 0 {
		t.Fatal("z12: no settlement drawn from the tiles")
	}
	if !eval[bool](t, ctx, `controlmap.map.queryRenderedFeatures({layers: ['cm-labels']}).some(f => f.properties.sid === '`+abdal+`')`) {
		t.Error("z12: Abdal-Gulabli has no label")
	}
	if got := abdalColors(t, ctx); !drawnIn(got, colors["armenian-forces"], colors["azerbaijan"]) {
		t.Errorf("2020-11-19: Abdal-Gulabli drawn in %v, want armenian-forces %s", got, colors["armenian-forces"])
	}

	before := reqs.count()
	setDate(t, ctx, "2020-11-20")
	for _, d := range []string{"2020-11-21", "2020-11-22", "2020-11-20"} {
		setDate(t, ctx, d)
	}
	if got := reqs.since(before); len(got) > 0 {
		t.Errorf("slider steps made requests: %v", got)
	}
	if got := abdalColors(t, ctx); !drawnIn(got, colors["azerbaijan"], colors["armenian-forces"]) {
		t.Errorf("2020-11-20: Abdal-Gulabli drawn in %v, want azerbaijan %s", got, colors["azerbaijan"])
	}
	screenshot(t, ctx, "tiles-z12-2020-11-20.png")
	reqs.assertOwnOrigin(t, srv.URL)
	if !slices.ContainsFunc(reqs.since(0), func(u string) bool { return strings.Contains(u, "/tiles/settlements/12/") }) {
		t.Error("no z12 settlement tile request was seen: the watch misses the worker")
	}
	assertNoPageErrors(t, ctx)
}

func TestBrowserLabelsInArmenianAndAzerbaijani(t *testing.T) {
	srv, ctx, reqs := openWatchedMap(t, "/?lang=hy&date=2021-01-01&center=46.80,39.82&zoom=10")
	labelled := `(lang) => controlmap.map.queryRenderedFeatures({layers: ['cm-labels']}).filter(f => f.properties['name_' + lang]).length`
	if n := eval[int](t, ctx, `(`+labelled+`)('hy')`); n == 0 {
		t.Fatal("hy: no settlement label with an Armenian name drawn")
	}
	screenshot(t, ctx, "labels-hy.png")

	// The language switch restyles labels and basemap in place, without loading the page again.
	eval[bool](t, ctx, `(async () => {
		window.__samePage = true;
		const s = document.getElementById('lang');
		s.value = 'az';
		s.dispatchEvent(new Event('change'));
		const m = controlmap.map, uses = (id) => JSON.stringify(m.getLayoutProperty(id, 'text-field')).includes('name_az');
		while (!uses('cm-labels') || !uses('district-labels')) await new Promise(r => setTimeout(r, 20));
		await new Promise(requestAnimationFrame);
		await controlmap.idle();
		return true })()`)
	if !eval[bool](t, ctx, `window.__samePage === true`) {
		t.Error("the language switch loaded the page again")
	}
	if n := eval[int](t, ctx, `(`+labelled+`)('az')`); n == 0 {
		t.Fatal("az: no settlement label with an Azerbaijani name drawn")
	}
	screenshot(t, ctx, "labels-az.png")
	reqs.assertOwnOrigin(t, srv.URL)
	assertNoPageErrors(t, ctx)
}

// tileSettlements counts the settlements drawn, checking they come from the vector tiles.
func tileSettlements(t *testing.T, ctx context.Context) int {
	t.Helper()
	type drawn struct {
		N       int      `json:"n"`
		Sources []string `json:"sources"`
	}
	d := eval[drawn](t, ctx, `(() => { const fs = controlmap.map.queryRenderedFeatures({layers: ['cm-settlements']});
		return {n: new Set(fs.map(f => f.properties.sid)).size, sources: [...new Set(fs.map(f => f.source + '/' + f.sourceLayer))]} })()`)
	if d.N > 0 && (len(d.Sources) != 1 || d.Sources[0] != "settlements/settlements") {
		t.Errorf("settlements drawn from %v, want the vector source settlements/settlements", d.Sources)
	}
	return d.N
}

// abdalColors counts the colours on screen within 3 px of Abdal-Gulabli's point, as #rrggbb.
func abdalColors(t *testing.T, ctx context.Context) map[string]int {
	t.Helper()
	img, x0, y0 := screenAt(t, ctx, abdalLngLat)
	out := map[string]int{}
	for y := y0 - 3; y <= y0+3; y++ {
		for x := x0 - 3; x <= x0+3; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			out[fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)]++
		}
	}
	return out
}

// drawnIn reports whether the point is drawn in want (a dozen pixels of it) and not in other.
func drawnIn(colors map[string]int, want, other string) bool {
	return colors[strings.ToLower(want)] >= 12 && colors[strings.ToLower(other)] == 0
}

func assertNoPageErrors(t *testing.T, ctx context.Context) {
	t.Helper()
	if v := eval[[]string](t, ctx, `controlmap.cspViolations`); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	if v := eval[[]string](t, ctx, `controlmap.mapErrors`); len(v) > 0 {
		t.Errorf("map errors: %v", v)
	}
}

// requestWatch records the URLs the page and its workers ask for, from the network events.
type requestWatch struct {
	mu   sync.Mutex
	urls []string
}

// watchRequests records the page's requests from its first one on.
func watchRequests(t *testing.T, ctx context.Context) *requestWatch {
	t.Helper()
	l := &requestWatch{}
	if err := chromedp.Listen(ctx, l.record); err != nil {
		t.Fatal(err)
	}
	return l
}

// attachWorkers records the requests of the page's workers too (MapLibre fetches tiles in
// them), from now on: chromedp does not attach to workers by itself.
func (l *requestWatch) attachWorkers(t *testing.T, ctx context.Context) {
	t.Helper()
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, info := range infos {
		if info.Type != "worker" {
			continue
		}
		wctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithListener(l.record))
		t.Cleanup(cancel)
		if err := chromedp.Do(wctx); err != nil {
			t.Fatalf("attaching to worker %s: %v", info.URL, err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("the page has no worker to watch")
	}
}

func (l *requestWatch) record(ev any) {
	if e, ok := ev.(*network.EventRequestWillBeSent); ok {
		l.mu.Lock()
		l.urls = append(l.urls, e.Request.URL)
		l.mu.Unlock()
	}
}

func (l *requestWatch) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.urls)
}

func (l *requestWatch) since(n int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.urls[n:]...)
}

// assertOwnOrigin fails for any request to another origin than base's (data: URLs are local).
func (l *requestWatch) assertOwnOrigin(t *testing.T, base string) {
	t.Helper()
	own, _ := url.Parse(base)
	for _, raw := range l.since(0) {
		u, err := url.Parse(raw)
		local := err == nil && (u.Scheme == "data" || u.Scheme == "blob")
		if !local && (err != nil || u.Scheme != own.Scheme || u.Host != own.Host) {
			t.Errorf("request to another origin: %s", raw)
		}
	}
}

// TestBrowserLabelsByRank: cities are named from zoom 6, towns from zoom 8 (the whole region
// on a desktop), villages from zoom 10 (map.js LABEL_ZOOM), and labels may not overlap.
func TestBrowserLabelsByRank(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2021-01-01")
	for _, c := range []struct {
		zoom    float64
		minRank int // of the labelled settlements: none less prominent, some as much
	}{
		{0, 2},   // the default view: the whole region on a desktop
		{6.5, 3}, // the whole region on a phone
		{10.5, 1},
	} {
		if c.zoom > 0 {
			eval[bool](t, ctx, `(async () => { controlmap.map.jumpTo({center: [46.8, 39.8], zoom: `+strconv.FormatFloat(c.zoom, 'f', 1, 64)+`}); await controlmap.idle(); return true })()`)
		}
		zoom := eval[float64](t, ctx, `controlmap.map.getZoom()`)
		ranks := eval[[]int](t, ctx, `controlmap.map.queryRenderedFeatures({layers: ['cm-labels']}).map(f => f.properties.rank)`)
		if len(ranks) == 0 || slices.Min(ranks) != c.minRank {
			t.Errorf("zoom %.1f: labelled ranks %v, want %d and above", zoom, ranks, c.minRank)
		}
	}
	// MapLibre leaves out a label that would overlap another unless told otherwise.
	if eval[bool](t, ctx, `['text-allow-overlap', 'text-ignore-placement'].some(p => controlmap.map.getLayoutProperty('cm-labels', p) === true)`) {
		t.Error("settlement labels may overlap")
	}
	assertNoPageErrors(t, ctx)
}
