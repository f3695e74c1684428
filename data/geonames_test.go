package data_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

const extract = "testdata/geonames/extract.txt"

func readExtract(t *testing.T, path string) []data.GeoNamesPlace {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	places, err := data.ReadGeoNames(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return places
}

func placeByID(t *testing.T, places []data.GeoNamesPlace, id int64) data.GeoNamesPlace {
	t.Helper()
	for _, p := range places {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no place %d", id)
	return data.GeoNamesPlace{}
}

func TestReadGeoNames(t *testing.T) {
	places := readExtract(t, extract)
	if len(places) != 29 {
		t.Fatalf("read %d places, want 29", len(places))
	}
	p := placeByID(t, places, 147465)
	want := data.GeoNamesPlace{Line: 13, ID: 147465, Name: "Muğanlı", ASCIIName: "Muganli",
		Alternates: []string{"Muganli", "Muganly", "Muğanlı", "Муганлы"}, Lat: 39.15946, Lon: 46.6542,
		FeatureClass: "P", FeatureCode: "PPLQ", Country: "AZ", Admin1: "69", Modified: "2020-06-10"}
	if !equalPlaces(p, want) {
		t.Errorf("place 147465 = %+v\nwant %+v", p, want)
	}
	if got := placeByID(t, places, 147105).Population; got != 18662 {
		t.Errorf("population of Şuşa = %d, want 18662", got)
	}
}

func equalPlaces(a, b data.GeoNamesPlace) bool {
	return strings.Join(a.Alternates, "|") == strings.Join(b.Alternates, "|") &&
		a.Line == b.Line && a.ID == b.ID && a.Name == b.Name && a.ASCIIName == b.ASCIIName &&
		a.Lat == b.Lat && a.Lon == b.Lon && a.FeatureClass == b.FeatureClass && a.FeatureCode == b.FeatureCode &&
		a.Country == b.Country && a.Admin1 == b.Admin1 && a.Population == b.Population && a.Modified == b.Modified
}

func TestReadGeoNamesBadRows(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad_columns.txt", ":3: columns: 18 tab-separated columns instead of 19"},
		{"bad_latitude.txt", ":4: latitude: 91.5 is outside -90..90"},
		{"bad_longitude.txt", `:4: longitude: "east" is not a number`},
		{"bad_geonameid.txt", `:2: geonameid: "14746x" is not a positive whole number`},
		{"bad_utf8.txt", ":3: line: is not valid UTF-8"},
		{"bad_control.txt", ":4: line: has the control character U+0001"},
		{"bad_population.txt", `:4: population: "-5" is not a whole number of 0 or more`},
		{"bad_duplicate.txt", ":4: geonameid: 146903 is already at line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata/geonames", tt.file)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			places, err := data.ReadGeoNames(f, path)
			var re *data.RowError
			if !errors.As(err, &re) || geo.KindOf(err) != geo.Invalid || err.Error() != path+tt.want {
				t.Fatalf("err = %v, want %s%s (a RowError)", err, path, tt.want)
			}
			if places != nil {
				t.Errorf("a bad file still gave %d places", len(places))
			}
		})
	}
}

func TestGeoNamesNames(t *testing.T) {
	places := readExtract(t, extract)
	tests := []struct {
		name  string
		place data.GeoNamesPlace
		want  geo.Names
	}{
		{"Muğanlı of Khojavend: first Armenian alternate as listed", placeByID(t, places, 147462),
			geo.Names{En: "Muganli", Az: "Muğanlı", Hy: "Խոնաշեն", Ru: "Муганлы"}},
		{"Şuşa: az from name, en from asciiname", placeByID(t, places, 147105),
			geo.Names{En: "Susa", Az: "Şuşa", Hy: "Շուշե", Ru: "Шуша"}}, // the first of Շուշե, Շուշի as listed
		{"Abdal: plain Latin name of an AZ place is az", placeByID(t, places, 148646),
			geo.Names{En: "Abdal", Az: "Abdal", Hy: "Աբդալ", Ru: "Абдал"}},
		{"no Armenian or Cyrillic: hy and ru stay empty", data.GeoNamesPlace{Name: "Muğanlı", ASCIIName: "Muganli", Country: "AZ",
			Alternates: []string{"Muganli", "Muganlu"}}, geo.Names{En: "Muganli", Az: "Muğanlı"}},
		{"Cyrillic outside the Russian alphabet is skipped", data.GeoNamesPlace{Name: "X", ASCIIName: "X", Country: "RU",
			Alternates: []string{"МугӀанли", "Муганлы"}}, geo.Names{En: "X", Ru: "Муганлы"}},
		{"a soft sign after a vowel or a Belarusian \"сяло\" is not Russian", data.GeoNamesPlace{Name: "Böyük Mərcanlı",
			ASCIIName: "Boyuk Mercanli", Country: "AZ", Alternates: []string{"Боьйуьк Маьрджанли", "Сяло Мерджанли", "Боюк-Мерджанли"}},
			geo.Names{En: "Boyuk Mercanli", Az: "Böyük Mərcanlı", Ru: "Боюк-Мерджанли"}},
		{"foreign country: unmarked Latin name is not az; ə beats ı", data.GeoNamesPlace{Name: "Tbilisi", ASCIIName: "Tbilisi",
			Country: "GE", Alternates: []string{"Tiflis", "Tıflis", "Tbilisi", "Tbilisi ə", "Тбилиси", "Թբիլիսի"}},
			geo.Names{En: "Tbilisi", Az: "Tbilisi ə", Hy: "Թբիլիսի", Ru: "Тбилиси"}},
		{"Latin letters outside the Azerbaijani alphabet are not az", data.GeoNamesPlace{Name: "Wüstenrot", ASCIIName: "Wustenrot",
			Country: "DE"}, geo.Names{En: "Wustenrot"}},
		{"no asciiname: an ASCII name is en", data.GeoNamesPlace{Name: "Lev", Country: "AZ"}, geo.Names{En: "Lev", Az: "Lev"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.place.Names(); got != tt.want {
				t.Errorf("Names() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestGeoNamesNamesNeverLatinInHyRu checks every place of the extract.
func TestGeoNamesNamesNeverLatinInHyRu(t *testing.T) {
	for _, p := range readExtract(t, extract) {
		n := p.Names()
		if hasLatin(n.Hy) || hasLatin(n.Ru) {
			t.Errorf("place %d: Latin script in hy %q or ru %q", p.ID, n.Hy, n.Ru)
		}
	}
}

func hasLatin(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) >= 0
}
