package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/controlmap/controlmap/data"
)

// largeDataset returns the settlements and changes CSV of n villages on a grid east of
// Aghdam, each with three changes: Armenian forces from 1993, a confirmation in 2005 and, for
// even ones, Azerbaijan from 2020-11-20. With the seed that is more periods than the map
// loads from /api/periods.
func largeDataset(n int) (settlements, changes string) {
	var s, c strings.Builder
	s.WriteString("id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url,place\n")
	c.WriteString("id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note\n")
	src := "Test source,Test,https://example.org/large,2021-01-01,"
	for i := range n {
		id := fmt.Sprintf("lg-%05d", i)
		lon, lat := 47.0+0.8*float64(i%100)/100, 39.3+0.6*float64(i/100)/float64(n/100)
		fmt.Fprintf(&s, "%s,Large %d,,,,Test,AZ,%.5f,%.5f,100,,,village\n", id, i, lon, lat)
		fmt.Fprintf(&c, "%s-1,%s,1993-07-01,armenian-forces,capture,confirmed,%s\n", id, id, src)
		fmt.Fprintf(&c, "%s-2,%s,2005-01-01,armenian-forces,confirmation,confirmed,%s\n", id, id, src)
		last := "armenian-forces,confirmation"
		if i%2 == 0 {
			last = "azerbaijan,handover"
		}
		fmt.Fprintf(&c, "%s-3,%s,2020-11-20,%s,confirmed,%s\n", id, id, last, src)
	}
	return s.String(), c.String()
}

// TestBrowserLargeDatasetReadsPeriodsFromTiles: past the small-dataset limit the map does not
// load /api/periods; it colours the settlements it has loaded from the tiles' timeline
// property, steps without a request, and learns more settlements as it loads more tiles.
func TestBrowserLargeDatasetReadsPeriodsFromTiles(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 7,000 settlements and opens a browser")
	}
	settlements, changes := largeDataset(7000)
	st := openStore(t, importCSV(data.ImportSettlements, settlements), importCSV(data.ImportChanges, changes))
	srv := startServer(t, st)
	ctx := newBrowser(t, 1280, 800)
	reqs := watchRequests(t, ctx)
	openMap(t, ctx, srv.URL+"/?date=2021-01-01&center=47.2,39.5&zoom=11")
	reqs.attachWorkers(t, ctx)
	for _, u := range reqs.since(0) {
		if strings.Contains(u, "/api/periods") {
			t.Fatalf("the map loaded %s", u)
		}
	}
	if !eval[bool](t, ctx, `controlmap.store.partial`) {
		t.Fatal("the store was not filled from the tiles")
	}
	colors := eval[map[string]string](t, ctx, `Object.fromEntries(controlmap.actors.map(a => [a.id, a.color]))`)
	check := func(date string, want func(i int) string) int {
		t.Helper()
		n := 0
		for sid, r := range renderedBySID(t, ctx) {
			var i int
			if _, err := fmt.Sscanf(sid, "lg-%d", &i); err != nil {
				continue
			}
			n++
			if w := want(i); r.Controller != w || r.Color != colors[w] {
				t.Errorf("%s: %s drawn as %s %s, want %s %s", date, sid, r.Controller, r.Color, w, colors[w])
			}
		}
		if n < 100 {
			t.Fatalf("%s: %d generated settlements drawn, want hundreds", date, n)
		}
		return n
	}
	check("2021-01-01", func(i int) string {
		if i%2 == 0 {
			return "azerbaijan"
		}
		return "armenian-forces"
	})
	before := reqs.count()
	setDate(t, ctx, "2000-01-01")
	check("2000-01-01", func(int) string { return "armenian-forces" })
	if got := reqs.since(before); len(got) > 0 {
		t.Errorf("a slider step made requests: %v", got)
	}
	// Search finds a place whose tile is not loaded through the API, flies there and selects it.
	const far = "lg-06950"
	if eval[bool](t, ctx, `!!controlmap.store.get('`+far+`')`) {
		t.Fatalf("%s is loaded already: pick a place farther away", far)
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("search"), "Large 6950"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li[aria-selected="true"]`)),
		chromedp.SendKeys(chromedp.ID("search"), kb.Enter),
	)
	if err != nil {
		t.Fatal(err)
	}
	selected := eval[string](t, ctx, `(async () => {
		for (let i = 0; i < 150 && controlmap.state.selected !== '`+far+`'; i++) await new Promise((r) => setTimeout(r, 100));
		return controlmap.state.selected || '';
	})()`)
	if selected != far {
		t.Fatalf("search for Large 6950 selected %q, want %s", selected, far)
	}

	known := eval[int](t, ctx, `controlmap.store.settlements.size`)
	eval[bool](t, ctx, `(async () => { controlmap.map.jumpTo({center: [47.2, 39.9], zoom: 11}); await controlmap.idle(); return true })()`)
	if now := eval[int](t, ctx, `controlmap.store.settlements.size`); now <= known {
		t.Errorf("after a move the store holds %d settlements, %d before", now, known)
	}
	check("2000-01-01 after a move", func(int) string { return "armenian-forces" })
	assertNoPageErrors(t, ctx)
}
