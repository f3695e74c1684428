package geo_test

import (
	"math"
	"testing"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

func TestSettlementValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*geo.Settlement)
		field string // "" when valid
	}{
		{"valid", func(*geo.Settlement) {}, ""},
		{"only an armenian name", func(s *geo.Settlement) { s.Names = geo.Names{Hy: "Աբդալ-Գյուլաբլի"} }, ""},
		{"no place", func(s *geo.Settlement) { s.Place = "" }, ""},
		{"corners", func(s *geo.Settlement) { s.Point = orb.Point{-180, 90} }, ""},
		{"bad id", func(s *geo.Settlement) { s.ID = "Abdal_Gulabli" }, "id"},
		{"id with trailing dash", func(s *geo.Settlement) { s.ID = "abdal-" }, "id"},
		{"no name", func(s *geo.Settlement) { s.Names = geo.Names{} }, "name_en"},
		{"lon too big", func(s *geo.Settlement) { s.Point = orb.Point{180.1, 39.9} }, "lon"},
		{"lon too small", func(s *geo.Settlement) { s.Point = orb.Point{-181, 39.9} }, "lon"},
		{"lon NaN", func(s *geo.Settlement) { s.Point = orb.Point{math.NaN(), 39.9} }, "lon"},
		{"lat too big", func(s *geo.Settlement) { s.Point = orb.Point{46.9, 90.5} }, "lat"},
		{"lat too small", func(s *geo.Settlement) { s.Point = orb.Point{46.9, -91} }, "lat"},
		{"lat infinite", func(s *geo.Settlement) { s.Point = orb.Point{46.9, math.Inf(1)} }, "lat"},
		{"negative population", func(s *geo.Settlement) { s.Population = -1 }, "population"},
		{"negative geonames id", func(s *geo.Settlement) { s.GeoNamesID = -5 }, "geonames_id"},
		{"unknown place", func(s *geo.Settlement) { s.Place = "hamlet" }, "place"},
		{"ftp wikipedia", func(s *geo.Settlement) { s.WikipediaURL = "ftp://en.wikipedia.org/wiki/Abdal" }, "wikipedia_url"},
		{"relative wikipedia", func(s *geo.Settlement) { s.WikipediaURL = "en.wikipedia.org/wiki/Abdal" }, "wikipedia_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := geo.Settlement{
				ID:           "abdal-gulabli",
				Names:        geo.Names{En: "Abdal-Gulabli", Az: "Abdal-Gülablı"},
				Point:        orb.Point{47.02, 39.95},
				District:     "Aghdam",
				Country:      "AZ",
				Place:        geo.Village,
				Population:   1200,
				GeoNamesID:   148000,
				WikipediaURL: "https://en.wikipedia.org/wiki/Abdal-G%C3%BClabl%C4%B1",
			}
			tt.edit(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			checkInvalid(t, err, tt.field)
		})
	}
}

func TestIsWebURL(t *testing.T) {
	tests := map[string]bool{
		"https://example.org/a?b=c": true,
		"http://example.org":        true,
		"HTTPS://example.org":       true,
		"ftp://example.org":         false,
		"mailto:a@example.org":      false,
		"https://":                  false,
		"//example.org":             false,
		"example.org":               false,
		"":                          false,
		"http://exa mple.org":       false,
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := geo.IsWebURL(in); got != want {
				t.Errorf("IsWebURL(%q) = %v, want %v", in, got, want)
			}
		})
	}
}

func TestPlaceRank(t *testing.T) {
	if !(geo.City.Rank() > geo.Town.Rank() && geo.Town.Rank() > geo.Village.Rank()) {
		t.Errorf("ranks city %d, town %d, village %d: want decreasing", geo.City.Rank(), geo.Town.Rank(), geo.Village.Rank())
	}
	if got := geo.Place("").Rank(); got != geo.Village.Rank() {
		t.Errorf("unknown place rank = %d, want the village rank %d", got, geo.Village.Rank())
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		name        string
		names       geo.Names
		lang        string
		wantIn      string
		wantPick    string
		wantDefault string
	}{
		{"all", geo.Names{En: "Shusha", Az: "Şuşa", Hy: "Շուշի", Ru: "Шуша"}, "hy", "Շուշի", "Շուշի", "Shusha"},
		{"missing language", geo.Names{Az: "Şuşa", Ru: "Шуша"}, "en", "", "Şuşa", "Şuşa"},
		{"russian before armenian", geo.Names{Hy: "Շուշի", Ru: "Шуша"}, "az", "", "Шуша", "Шуша"},
		{"unknown language", geo.Names{En: "Shusha"}, "fr", "", "Shusha", "Shusha"},
		{"none", geo.Names{}, "en", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.names.In(tt.lang); got != tt.wantIn {
				t.Errorf("In(%q) = %q, want %q", tt.lang, got, tt.wantIn)
			}
			if got := tt.names.Pick(tt.lang); got != tt.wantPick {
				t.Errorf("Pick(%q) = %q, want %q", tt.lang, got, tt.wantPick)
			}
			if got := tt.names.Default(); got != tt.wantDefault {
				t.Errorf("Default() = %q, want %q", got, tt.wantDefault)
			}
		})
	}
}
