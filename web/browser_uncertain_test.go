package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/controlmap/controlmap/data"
)

// A test village near Abdal-Gulabli whose 2020 change is known only as an interval, then
// confirmed.
const (
	uncertainSettlement = `id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url,place
test-village,Test Village,,,,Aghdam,AZ,46.95,39.885,,,,village
`
	uncertainChanges = `id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note
test-village-1992,test-village,1992-09-04,armenian-forces,capture,confirmed,Report,,,,
test-village-2020,test-village,2020-10-20/2020-11-20,azerbaijan,handover,confirmed,Report,,,,
test-village-2020-confirmed,test-village,2020-12-01,azerbaijan,confirmation,confirmed,Report,,,,
`
)

func TestBrowserChangingControl(t *testing.T) {
	st := openStore(t, importCSV(data.ImportSettlements, uncertainSettlement), importCSV(data.ImportChanges, uncertainChanges))
	srv := startServer(t, st)
	ctx := newBrowser(t, 1280, 800)
	openMap(t, ctx, srv.URL+"/?date=2020-11-01&settlement=test-village&center=46.95,39.885&zoom=11")

	got := renderedBySID(t, ctx)["test-village"]
	if got.Controller != "" || got.Status != "changing" {
		t.Errorf("2020-11-01: drawn as %+v, want no controller and status changing", got)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#panel .history li`))); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{
		"controller line": `document.querySelector('#panel .controller').textContent`,
		"history":         `document.querySelector('#panel .history').textContent`,
		"legend":          `document.querySelector('#legend').textContent`,
	}
	wants := map[string][]string{
		"controller line": {"changing: Armenian", "→ Azerbaijan", "between 20 October and 20 November 2020"},
		"history":         {"between 20 October and 20 November 2020", "confirmed: controlled by Azerbaijan"},
		"legend":          {"Control changing (date uncertain)"},
	}
	for what, expr := range texts {
		text := eval[string](t, ctx, expr)
		for _, w := range wants[what] {
			if !strings.Contains(text, w) {
				t.Errorf("%s %q, want it to contain %q", what, text, w)
			}
		}
	}
	if h := eval[string](t, ctx, `document.querySelector('#panel .history').textContent`); strings.Contains(h, "Azerbaijan → Azerbaijan") {
		t.Errorf("history %q shows a confirmation as a change of hands", h)
	}
	screenshot(t, ctx, "changing.png")

	setDate(t, ctx, "2020-12-01")
	if got := renderedBySID(t, ctx)["test-village"]; got.Controller != "azerbaijan" || got.Status != "confirmed" {
		t.Errorf("2020-12-01: drawn as %+v, want azerbaijan confirmed", got)
	}
	if line := eval[string](t, ctx, `document.querySelector('#panel .controller').textContent`); !strings.Contains(line, "since between 20 October and 20 November 2020") {
		t.Errorf("controller line %q: a confirmation must keep 'since' at the change's date", line)
	}
	// The changes list tells the changing span, the change and the confirmation apart.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button[aria-controls="changes"]`)), chromedp.WaitVisible(chromedp.CSS(`#changes .changes-list li`))); err != nil {
		t.Fatal(err)
	}
	list := eval[string](t, ctx, `[...document.querySelectorAll('#changes .changes-list li')].map(li => li.textContent).join('\n')`)
	for _, w := range []string{"changing: Armenian/Artsakh forces → Azerbaijan", "1 December 2020Test Village", "confirmed: controlled by Azerbaijan"} {
		if !strings.Contains(list, w) {
			t.Errorf("changes list %q, want it to contain %q", list, w)
		}
	}
}
