package web_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/controlmap/controlmap/data/datatest"
)

func TestItemFilters(t *testing.T) {
	h, _ := newFixtureServer(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"datetime=2020-11-20&controller_id=azerbaijan", []string{"abdal-gulabli"}},
		{"datetime=2020-11-20&controller=armenian-forces", []string{"aghdam"}},
		{"datetime=2020-11-19&controller_id=armenian-forces&controller=armenian-forces", []string{"abdal-gulabli", "aghdam"}},
		{"datetime=2020-11-20&status=confirmed", []string{"abdal-gulabli", "aghdam"}},
		{"datetime=2020-11-20&status=claimed", nil},
		{"datetime=2020-11-20&district=aghdam", []string{"abdal-gulabli", "aghdam"}},
		{"datetime=2020-11-20&district=Shusha", nil},
		{"datetime=1990-01-01&controller_id=azerbaijan", nil},
		{"q=" + url.QueryEscape("Гюлаблы"), []string{"abdal-gulabli"}},
		{"q=" + url.QueryEscape("Ակն"), []string{"aghdam"}},
		{"q=GULABLI", []string{"abdal-gulabli"}},
		{"q=" + url.QueryEscape("Ağdam") + "&controller_id=azerbaijan&datetime=2020-11-20", nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			p := getPage(t, h, "/api/collections/settlements/items?"+tc.query)
			if got := p.ids(); !slices.Equal(got, tc.want) || p.NumberMatched != len(tc.want) {
				t.Errorf("ids = %v (numberMatched %d), want %v", got, p.NumberMatched, tc.want)
			}
		})
	}
}

func TestItemFilterErrors(t *testing.T) {
	h, _ := newFixtureServer(t)
	tests := []struct{ target, parameter string }{
		{"/api/collections/settlements/items?controller_id=nobody", "controller_id"},
		{"/api/collections/settlements/items?controller=nobody", "controller"},
		{"/api/collections/settlements/items?controller=azerbaijan&controller_id=armenian-forces", "controller"},
		{"/api/collections/settlements/items?status=rumoured", "status"},
		{"/api/collections/settlements/items?q=" + url.QueryEscape("—!"), "q"},
		{"/api/collections/changes/items?status=rumoured", "status"},
		{"/api/collections/changes/items?kind=liberation", "kind"},
		{"/api/collections/changes/items?settlement_id=nowhere", "settlement_id"},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) { assertProblem(t, get(t, h, tc.target), 400, tc.parameter) })
	}
}

func TestChangeFilters(t *testing.T) {
	h, _ := newFixtureServer(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"kind=handover", []string{"abdal-gulabli-2020-11-20"}},
		{"settlement_id=aghdam", []string{"aghdam-1993-07"}},
		{"district=AGHDAM&kind=capture&settlement_id=abdal-gulabli", []string{"abdal-gulabli-1992-09-04"}},
		{"status=disputed", nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			if got := getPage(t, h, "/api/collections/changes/items?"+tc.query).ids(); !slices.Equal(got, tc.want) {
				t.Errorf("ids = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSearchByName finds seed settlements by names in every script, best match first.
func TestSearchByName(t *testing.T) {
	h := newServer(t, datatest.MustOpenSeeded(t))
	for q, want := range map[string]string{
		"Khojaly": "khojaly", "xocali": "khojaly", "Ходжалы": "khojaly", "Խոջալը": "khojaly",
		"Shusha": "shusha", "ŞUŞA": "shusha", "Шуша": "shusha", "Շուշի": "shusha",
	} {
		p := getPage(t, h, "/api/collections/settlements/items?q="+url.QueryEscape(q))
		if len(p.Features) == 0 || p.Features[0].ID != want {
			t.Errorf("q=%s: first = %v, want %s", q, p.ids(), want)
		}
	}
}

func TestQueryables(t *testing.T) {
	h, _ := newFixtureServer(t)
	var doc struct {
		Schema     string `json:"$schema"`
		Type       string
		Properties map[string]struct {
			Type string
			Enum []string
		}
	}
	rec := get(t, h, "/api/collections/settlements/queryables")
	if err := jsonUnmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != 200 || rec.Header().Get("Content-Type") != "application/schema+json" {
		t.Fatalf("queryables = %d %s %v", rec.Code, rec.Header().Get("Content-Type"), err)
	}
	if !slices.Equal(doc.Properties["controller_id"].Enum, []string{"armenian-forces", "azerbaijan"}) ||
		!slices.Equal(doc.Properties["status"].Enum, []string{"confirmed", "claimed", "disputed"}) ||
		!slices.Equal(doc.Properties["district"].Enum, []string{"Aghdam"}) || doc.Type != "object" {
		t.Errorf("queryables = %+v", doc)
	}
	// Every queryable is a query parameter of the items.
	for name := range doc.Properties {
		if rec := get(t, h, "/api/collections/settlements/items?"+name+"=x"); rec.Code == 400 && jsonParameter(rec.Body.Bytes()) != name {
			t.Errorf("queryable %s is not taken by the items: %s", name, rec.Body)
		}
	}
	if rec := get(t, h, "/api/collections/changes/queryables"); rec.Code != 200 {
		t.Errorf("changes queryables = %d", rec.Code)
	}
	assertProblem(t, get(t, h, "/api/collections/nothing/queryables"), 404, "")
}
