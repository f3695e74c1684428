package tiles

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/geo"
)

// styleGoldens are kept in testdata/, where scripts/mvt-check validates each with MapLibre's
// style-spec validator and evaluates its settlement filter on the golden tiles.
var styleGoldens = []struct {
	file, lang, day string
	ix              func() *geo.Index
}{
	{"style.json", "az", "2020-11-20", testIndex},
	{"style-en-1992-01-15.json", "en", "1992-01-15", testIndex}, // khankendi changing
	{"style-hy-2023-09-20.json", "hy", "2023-09-20", testIndex}, // khankendi disputed
	{"style-ru-no-actors.json", "ru", "2024-01-01", func() *geo.Index { return geo.NewIndex(nil, nil, nil) }},
}

func TestStyleGolden(t *testing.T) {
	for _, g := range styleGoldens {
		t.Run(g.file, func(t *testing.T) {
			s, err := NewServer(g.ix(), Config{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Style("http://localhost:8080", g.lang, day(g.day))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("style differs from %s (run go test -update and review the diff)", path)
			}
		})
	}
}

// styleDoc is the part of a style the tests read.
type styleDoc struct {
	Sources map[string]struct {
		Tiles []string `json:"tiles"`
		URL   string   `json:"url"`
	} `json:"sources"`
	Layers []styleLayer `json:"layers"`
}

type styleLayer struct {
	ID          string          `json:"id"`
	Source      string          `json:"source"`
	SourceLayer string          `json:"source-layer"`
	MinZoom     int             `json:"minzoom"`
	Filter      json.RawMessage `json:"filter"`
	Layout      struct {
		Font      []string        `json:"text-font"`
		TextField json.RawMessage `json:"text-field"`
	} `json:"layout"`
	Paint map[string]json.RawMessage `json:"paint"`
}

func readStyle(t *testing.T, s *Server, lang string, d geo.Day) styleDoc {
	t.Helper()
	b, err := s.Style("http://localhost", lang, d)
	if err != nil {
		t.Fatal(err)
	}
	var doc styleDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func (doc styleDoc) layer(t *testing.T, id string) styleLayer {
	t.Helper()
	i := slices.IndexFunc(doc.Layers, func(l styleLayer) bool { return l.ID == id })
	if i < 0 {
		t.Fatalf("no layer %s", id)
	}
	return doc.Layers[i]
}

// TestStyleReferences checks that every layer of the style names a layer of its source's tiles
// and every font of the style is served.
func TestStyleReferences(t *testing.T) {
	s, err := NewServer(testIndex(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	sourceLayers := map[string][]string{BasemapSource: BasemapLayers, SettlementsSource: {SettlementsLayer}}
	for _, lang := range []string{"", "en", "az", "hy", "ru"} {
		for _, l := range readStyle(t, s, lang, day("2020-11-20")).Layers {
			if l.SourceLayer != "" && !slices.Contains(sourceLayers[l.Source], l.SourceLayer) {
				t.Errorf("layer %s: no layer %q in source %q", l.ID, l.SourceLayer, l.Source)
			}
			for _, f := range l.Layout.Font {
				for _, rng := range []string{"0-255.pbf", "256-511.pbf", "512-767.pbf", "1024-1279.pbf", "1280-1535.pbf"} {
					if _, err := s.Glyphs(f, rng); err != nil {
						t.Errorf("layer %s: %v", l.ID, err)
					}
				}
			}
		}
	}
}

func TestStyleLanguage(t *testing.T) {
	s, err := NewServer(testIndex(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "en", "az", "hy", "ru"} {
		want := lang
		if want == "" {
			want = "en"
		}
		field := compact(t, readStyle(t, s, lang, 0).layer(t, SettlementLabelsLayerID).Layout.TextField)
		if !strings.Contains(field, `["coalesce",["get","name_`+want+`"],["get","name"]]`) {
			t.Errorf("lang %q: text-field %s, want name_%s falling back to name", lang, field, want)
		}
	}
	_, err = s.Style("http://localhost", "fr", 0)
	var ge *geo.Error
	if !errors.As(err, &ge) || ge.Field != "lang" {
		t.Errorf("style in French: %v, want an error on lang", err)
	}
}

// TestStyleSettlements: the settlement layers show the day asked for, coloured by every actor.
func TestStyleSettlements(t *testing.T) {
	s, err := NewServer(testIndex(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := day("2020-11-20")
	doc := readStyle(t, s, "en", d)
	wantFilter := `["all",["<=",["get","from"],18586],[">",["get","to"],18586]]`
	if d != 18586 {
		t.Fatalf("2020-11-20 is day %d", d)
	}
	for _, id := range []string{SettlementsLayerID, SettlementLabelsLayerID} {
		if l := doc.layer(t, id); compact(t, l.Filter) != wantFilter || l.Source != SettlementsSource {
			t.Errorf("%s: source %q, filter %s, want %s", id, l.Source, l.Filter, wantFilter)
		}
	}
	if last := doc.Layers[len(doc.Layers)-1].ID; last != SettlementLabelsLayerID {
		t.Errorf("top layer %s, want the settlement labels above everything", last)
	}
	color := compact(t, doc.layer(t, SettlementsLayerID).Paint["circle-color"])
	for _, a := range s.ix.Actors() {
		if !strings.Contains(color, `"`+a.ID+`","`+a.Color+`"`) {
			t.Errorf("circle-color %s: no colour for %s", color, a.ID)
		}
	}
	if l := doc.layer(t, SettlementLabelsLayerID); l.MinZoom != CityNameZoom {
		t.Errorf("labels from zoom %d, want %d", l.MinZoom, CityNameZoom)
	}
	for _, src := range doc.Sources {
		for _, u := range append(src.Tiles, src.URL) {
			if u != "" && !strings.HasPrefix(u, "http://localhost/") {
				t.Errorf("source URL %s is not absolute under the origin", u)
			}
		}
	}
}

// compact is raw JSON without its indentation.
func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
