package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/controlmap/controlmap/geo"
)

// FuzzReadGeoNames feeds ReadGeoNames arbitrary bytes (seed corpus in
// testdata/fuzz/FuzzReadGeoNames: rows of the extract and the bad rows). A bad file must give a
// RowError and no places; a good one, places whose every id form is valid and whose settlement
// validates.
func FuzzReadGeoNames(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		places, err := ReadGeoNames(bytes.NewReader(b), "f.txt")
		if err != nil {
			checkFuzzError(t, err, places)
			return
		}
		for _, p := range places {
			checkFuzzPlace(t, p)
		}
	})
}

func checkFuzzError(t *testing.T, err error, places []GeoNamesPlace) {
	var re *RowError
	if !errors.As(err, &re) || re.Line < 1 || re.Err.Field == "" || !strings.HasPrefix(err.Error(), "f.txt:") {
		t.Fatalf("error %v is not f.txt:LINE: field: reason", err)
	}
	if places != nil {
		t.Fatalf("a bad file gave %d places", len(places))
	}
}

func checkFuzzPlace(t *testing.T, p GeoNamesPlace) {
	switch {
	case p.ID <= 0 || p.Name == "" || p.Line < 1:
		t.Fatalf("place %+v has no id, name or line", p)
	case !(p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180):
		t.Fatalf("place %d at %v,%v", p.ID, p.Lon, p.Lat)
	case !utf8.ValidString(p.Name) || strings.ContainsFunc(p.Name, unicode.IsControl):
		t.Fatalf("place %d has name %q", p.ID, p.Name)
	}
	n := p.Names()
	if strings.ContainsFunc(n.Hy+n.Ru, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
		t.Fatalf("place %d: Latin script in hy %q or ru %q", p.ID, n.Hy, n.Ru)
	}
	forms := idForms(baseID(p), districtOf(p, nil), p.ID, 1, 1)
	for _, id := range forms {
		if !geo.ValidID(id) {
			t.Fatalf("place %d: id form %q is not valid", p.ID, id)
		}
	}
	st := settlementOfPlace(p, forms[len(forms)-1], nil)
	if err := st.Validate(); err != nil && n.Default() != "" {
		t.Fatalf("place %d: settlement %+v: %v", p.ID, st, err)
	}
}
