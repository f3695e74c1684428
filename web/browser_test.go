package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const abdal = "abdal-gulabli"

// abdalView frames Abdal-Gulabli closely enough that it is drawn.
const abdalView = "center=46.9472,39.8808&zoom=11"

func TestBrowserSliderChangesController(t *testing.T) {
	st := openStore(t)
	srv := startServer(t, st)
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2020-11-19&"+abdalView)
	colors := eval[map[string]string](t, ctx, `Object.fromEntries(controlmap.actors.map(a => [a.id, a.color]))`)

	before := renderedBySID(t, ctx)[abdal]
	if before.Controller != "armenian-forces" || before.Color != colors["armenian-forces"] {
		t.Errorf("2020-11-19: %+v, want armenian-forces in %s", before, colors["armenian-forces"])
	}
	screenshot(t, ctx, "map-2020-11-19.png")

	setDate(t, ctx, "2020-11-20")
	after := renderedBySID(t, ctx)[abdal]
	if after.Controller != "azerbaijan" || after.Color != colors["azerbaijan"] {
		t.Errorf("2020-11-20: %+v, want azerbaijan in %s", after, colors["azerbaijan"])
	}
	screenshot(t, ctx, "map-2020-11-20.png")
	if v := eval[[]string](t, ctx, `controlmap.cspViolations`); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	if v := eval[[]string](t, ctx, `controlmap.mapErrors`); len(v) > 0 {
		t.Errorf("map errors: %v", v)
	}
}

func TestBrowserKeyboardStepping(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2020-11-18")
	day := func() int { return eval[int](t, ctx, `controlmap.state.day`) }
	start := day()
	press := func(key string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("slider")), chromedp.KeyEvent(key)); err != nil {
			t.Fatal(err)
		}
	}
	press(kb.ArrowRight)
	if got := day(); got != start+1 {
		t.Errorf("ArrowRight: day %d, want %d", got, start+1)
	}
	press(kb.ArrowLeft)
	press(kb.ArrowLeft)
	if got := day(); got != start-1 {
		t.Errorf("ArrowLeft twice: day %d, want %d", got, start-1)
	}
	next := eval[int](t, ctx, `controlmap.store.nextChangeDay(controlmap.state.day)`)
	press(kb.PageDown)
	if got := day(); got != next {
		t.Errorf("PageDown: day %d, want the next change %d", got, next)
	}
	prev := eval[int](t, ctx, `controlmap.store.prevChangeDay(controlmap.state.day)`)
	press(kb.PageUp)
	if got := day(); got != prev {
		t.Errorf("PageUp: day %d, want the previous change %d", got, prev)
	}
	label := eval[string](t, ctx, `document.getElementById('slider').getAttribute('aria-valuetext')`)
	if label == "" {
		t.Error("slider has no aria-valuetext")
	}
}

func TestBrowserSearchInThreeScripts(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/")
	for _, q := range []string{"Abdal Gulabli", "Gülablı", "Վազգենաշեն"} {
		t.Run(q, func(t *testing.T) {
			eval[string](t, ctx, `document.getElementById('search').value = ''`)
			err := chromedp.Do(ctx,
				chromedp.SendKeys(chromedp.ID("search"), q),
				chromedp.WaitVisible(chromedp.CSS(`#search-results li[aria-selected="true"]`)),
				chromedp.SendKeys(chromedp.ID("search"), kb.Enter),
			)
			if err != nil {
				t.Fatal(err)
			}
			if sel := eval[string](t, ctx, `controlmap.state.selected || ''`); sel != abdal {
				t.Errorf("search %q selected %q, want %s", q, sel, abdal)
			}
		})
	}
}

func TestBrowserPanelListsSources(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2021-01-01&settlement="+abdal)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#panel .sources a`))); err != nil {
		t.Fatal(err)
	}
	hrefs := eval[[]string](t, ctx, `[...document.querySelectorAll('#panel .sources a')].map(a => a.href)`)
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "http://") && !strings.HasPrefix(h, "https://") {
			t.Errorf("source link %q", h)
		}
	}
	if rels := eval[[]string](t, ctx, `[...document.querySelectorAll('#panel .sources a')].map(a => a.rel)`); slices.ContainsFunc(rels, func(r string) bool { return r != "noopener noreferrer" }) {
		t.Errorf("source links rel %q, want noopener noreferrer", rels)
	}
	// Each change's note is shown once, however many sources it has.
	notes := eval[map[string]int](t, ctx, `(async () => {
		const d = await (await fetch('/api/collections/settlements/items/`+abdal+`')).json();
		const text = document.querySelector('#panel .history').textContent;
		return Object.fromEntries(d.properties.history.filter(h => h.note).map(h => [h.note, text.split(h.note).length - 1]));
	})()`)
	for note, n := range notes {
		if n != 1 {
			t.Errorf("note %.40q… shown %d times, want once", note, n)
		}
	}
	names := eval[[]string](t, ctx, `[...document.querySelectorAll('#panel .names dd')].map(d => d.textContent)`)
	if len(names) < 3 {
		t.Errorf("names %v, want several languages", names)
	}
	// Clicking the first history entry moves the slider to its date.
	want := eval[int](t, ctx, `(async () => (await (await fetch('/api/collections/settlements/items/`+abdal+`')).json()).properties.history[0].day)()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#panel .history .goto`))); err != nil {
		t.Fatal(err)
	}
	if got := eval[int](t, ctx, `controlmap.state.day`); got != want {
		t.Errorf("after clicking the first history entry: day %d, want %d", got, want)
	}
	screenshot(t, ctx, "panel.png")
}

func TestBrowserURLStateRoundTrip(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2020-11-20&center=46.9,39.85&zoom=10&lang=hy&settlement="+abdal+"&compare=2020-09-26,2020-11-21")
	type view struct {
		Day      int     `json:"day"`
		Lang     string  `json:"lang"`
		Selected string  `json:"selected"`
		Zoom     float64 `json:"zoom"`
		Lng      float64 `json:"lng"`
		Compare  []int   `json:"compare"`
		LangUI   string  `json:"langUI"`
	}
	read := `({day: controlmap.state.day, lang: controlmap.state.lang, selected: controlmap.state.selected,
		zoom: controlmap.map.getZoom(), lng: controlmap.map.getCenter().lng, compare: controlmap.state.compare,
		langUI: document.getElementById('lang').value})`
	got := eval[view](t, ctx, read)
	if got.Day != 18586 || got.Lang != "hy" || got.LangUI != "hy" || got.Selected != abdal || got.Zoom != 10 || len(got.Compare) != 2 {
		t.Errorf("restored %+v", got)
	}
	eval[bool](t, ctx, `(async () => { controlmap.setDate('2021-03-04'); controlmap.map.jumpTo({center: [46.8, 39.7], zoom: 9.5}); await controlmap.idle(); return true })()`)
	link := eval[string](t, ctx, `controlmap.flushURL()`)
	u, err := url.Parse(link)
	if err != nil || u.Query().Get("date") != "2021-03-04" || u.Query().Get("zoom") != "9.50" {
		t.Fatalf("URL %q", link)
	}
	// The Embed dialog offers an iframe of the same view.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("embed-button")), chromedp.WaitVisible(chromedp.ID("embed-code"))); err != nil {
		t.Fatal(err)
	}
	code := eval[string](t, ctx, `document.getElementById('embed-code').value`)
	if !strings.Contains(code, `<iframe src="`+srv.URL+`/embed?date=2021-03-04&amp;center=`) || !strings.Contains(code, "settlement="+abdal) {
		t.Errorf("embed code %s", code)
	}

	openMap(t, ctx, link)
	again := eval[view](t, ctx, read)
	if again.Day != 18690 || again.Lang != "hy" || again.Selected != abdal || again.Zoom != 9.5 || fmt.Sprintf("%.4f", again.Lng) != "46.8000" || len(again.Compare) != 2 {
		t.Errorf("reopened %q: %+v", link, again)
	}
}

func TestBrowserEmbedInForeignFrame(t *testing.T) {
	srv := startServer(t, openStore(t))
	src := srv.URL + "/embed?date=2020-11-20&" + abdalView + "&settlement=" + abdal
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>A newsroom</title><h1>Article</h1>
<script>window.embed = null; addEventListener('message', e => { if (e.data && e.data.type === 'controlmap:ready') window.embed = e.data; });</script>
<iframe src="%s" width="720" height="540" style="border:0"></iframe>`, src)
	}))
	t.Cleanup(host.Close)
	hostURL := strings.Replace(host.URL, "127.0.0.1", "localhost", 1) // another origin than the map's
	ctx := newBrowser(t, 1000, 800)
	if err := chromedp.Do(ctx, chromedp.Navigate(hostURL)); err != nil {
		t.Fatal(err)
	}
	type ready struct {
		Type        string `json:"type"`
		Date        string `json:"date"`
		Settlements int    `json:"settlements"`
	}
	got := eval[ready](t, ctx, `new Promise(resolve => { const poll = () => window.embed ? resolve(window.embed) : setTimeout(poll, 50); poll(); })`)
	if got.Date != "2020-11-20" || got.Settlements == 0 {
		t.Errorf("embed reported %+v", got)
	}
	screenshot(t, ctx, "embed-in-iframe.png")

	openMap(t, ctx, srv.URL+"/embed?controls=none&bbox=46.5,39.5,47.2,40.1&date=1995-01-01")
	if shown := eval[bool](t, ctx, `!document.getElementById('timeline').hidden`); shown {
		t.Error("controls=none still shows the slider")
	}
	full := eval[string](t, ctx, `document.getElementById('open-full').getAttribute('href')`)
	if !strings.Contains(full, "date=1995-01-01") || !strings.Contains(full, "zoom=") {
		t.Errorf("open full map link %q does not keep the view", full)
	}
}

func TestBrowserOEmbedDiscovery(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2020-11-20&lang=ru&compare=2020-09-26,2020-11-21")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#compare .compare-list li`))); err != nil {
		t.Fatalf("compare list: %v", err)
	}
	listed := eval[int](t, ctx, `document.querySelectorAll('#compare .compare-list li').length`)
	ringed := eval[int](t, ctx, `(async () => { await controlmap.idle(); return new Set(controlmap.map.queryRenderedFeatures({layers: ['cm-compare']}).map(f => f.properties.sid)).size })()`)
	if listed == 0 || ringed == 0 {
		t.Errorf("compare lists %d settlements and rings %d", listed, ringed)
	}
	if text := eval[string](t, ctx, `document.querySelector('#compare .compare-list').textContent`); !strings.Contains(text, "Азербайджан") || strings.Contains(text, "Azerbaijan") {
		t.Errorf("with lang=ru the compare list names actors in another language: %.200q", text)
	}
	screenshot(t, ctx, "compare.png")
	type oembed struct {
		Type    string `json:"type"`
		Version string `json:"version"`
		HTML    string `json:"html"`
	}
	got := eval[oembed](t, ctx, `fetch(document.querySelector('link[type="application/json+oembed"]').href).then(r => r.json())`)
	if got.Type != "rich" || got.Version != "1.0" || !strings.Contains(got.HTML, "/embed?compare=2020-09-26%2C2020-11-21&amp;date=2020-11-20&amp;lang=ru") {
		t.Errorf("oEmbed %+v", got)
	}
}

// xssName is a settlement name that would run script if inserted as HTML.
const xssName = `<img src=x onerror=window.__xss=1>`

func TestBrowserDataIsText(t *testing.T) {
	st := openStore(t,
		importCSV("settlements", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url,place\n"+
			`xss-village,"`+xssName+`","<b>bold</b>",,,"<i>District</i>",AZ,46.95,39.89,10,,,village`+"\n"),
		importCSV("changes", "id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note\n"+
			`xss-change,xss-village,2001-01-01,armenian-forces,capture,confirmed,"<script>window.__xss=2</script>","<b>pub</b>",https://example.org/?q=<script>,,"<img src=y onerror=window.__xss=4>"`+"\n"),
	)
	srv := startServer(t, st)
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2005-01-01&center=46.95,39.89&zoom=11&settlement=xss-village")
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`#panel .history .note`)),
		chromedp.SendKeys(chromedp.ID("search"), "img src"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li`)),
		chromedp.Click(chromedp.CSS(`#table-toggle`)),
		chromedp.WaitVisible(chromedp.CSS(`#table-view tbody tr`)),
	); err != nil {
		t.Fatal(err)
	}
	title := eval[string](t, ctx, `document.getElementById('panel-title').textContent`)
	if title != xssName {
		t.Errorf("panel title %q, want the name as text", title)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('img[src="x"], img[src="y"], script:not([src]):not([type="importmap"]), b, i').length`); n != 0 {
		t.Errorf("%d elements were created from data", n)
	}
	if xss := eval[any](t, ctx, `window.__xss ?? null`); xss != nil {
		t.Errorf("script from data ran: window.__xss = %v", xss)
	}
}

func TestBrowserPhoneAndTable(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 375, 740)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	openMap(t, ctx, srv.URL+"/?date=2020-11-20")
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 375 {
		t.Errorf("page is %d px wide on a 375 px screen", w)
	}
	screenshot(t, ctx, "phone.png")
	download := eval[string](t, ctx, `(async () => { const a = document.getElementById('download'); const r = await fetch(a.href); return a.getAttribute('href') + ' ' + r.status + ' ' + (await r.json()).type })()`)
	if download != "/api/snapshots/2020-11-20.geojson 200 FeatureCollection" {
		t.Errorf("download link: %s", download)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("table-toggle")), chromedp.WaitVisible(chromedp.CSS(`#table-view tbody tr`))); err != nil {
		t.Fatal(err)
	}
	rows := eval[int](t, ctx, `document.querySelectorAll('#table-view tbody tr').length`)
	if want := eval[int](t, ctx, `controlmap.store.settlements.size`); rows != want {
		t.Errorf("table has %d rows, want %d", rows, want)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#table-view th[data-key="controller"] button`))); err != nil {
		t.Fatal(err)
	}
	if s := eval[string](t, ctx, `document.querySelector('#table-view th[data-key="controller"]').getAttribute('aria-sort')`); s != "ascending" {
		t.Errorf("aria-sort %q after sorting by controller", s)
	}
	screenshot(t, ctx, "phone-table.png")
}

// TestBrowserListsNameTheDistrict: two places are called Aghdam (the city, and a village of
// Khojavend district); the compare and search lists tell them apart by district, and the
// changes list names the district of every place.
func TestBrowserListsNameTheDistrict(t *testing.T) {
	srv := startServer(t, openStore(t))
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2020-11-15&compare=2020-09-26,2020-11-21")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#compare .compare-list li`))); err != nil {
		t.Fatal(err)
	}
	aghdams := func(list string) []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll('`+list+` .where')]
			.filter(w => w.querySelector('.place-name')?.textContent === 'Aghdam')
			.map(w => w.querySelector('.place-detail')?.textContent || '').sort()`)
	}
	want := []string{"Aghdam district", "Khojavend district"}
	if got := aghdams("#compare .compare-list"); !slices.Equal(got, want) {
		t.Errorf("compare list: the Aghdams read %q, want %q", got, want)
	}
	eval[bool](t, ctx, `(async () => { document.querySelector('[aria-controls="changes"]').click(); await controlmap.idle(); return true })()`)
	details := eval[[]string](t, ctx, `[...document.querySelectorAll('#changes .changes-list .where')].map(w => w.querySelector('.place-detail')?.textContent || '')`)
	if len(details) == 0 || slices.Contains(details, "") {
		t.Errorf("changes list: second lines %q, want each place's district", details)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("search"), "Aghdam"), chromedp.WaitVisible(chromedp.CSS(`#search-results li`))); err != nil {
		t.Fatal(err)
	}
	metas := eval[[]string](t, ctx, `[...document.querySelectorAll('#search-results li')]
		.filter(li => li.querySelector('.opt-name')?.textContent === 'Aghdam').map(li => li.querySelector('.opt-meta').textContent).sort()`)
	if !slices.Equal(metas, want) {
		t.Errorf("search: the Aghdams read %q, want %q", metas, want)
	}
	assertNoPageErrors(t, ctx)
}
