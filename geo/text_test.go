package geo_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/geo"
)

func TestCheckText(t *testing.T) {
	tests := []struct {
		name, s string
		max     int
		want    string // "" for no error
	}{
		{"plain", "Abdal-Gülablı", 200, ""},
		{"armenian", "Շուշի", 5, ""},
		{"at the limit", strings.Repeat("ш", 200), 200, ""},
		{"over the limit", strings.Repeat("ш", 201), 200, "f: is 201 characters long, more than 200"},
		{"invalid UTF-8", "a\xffb", 200, "f: is not valid UTF-8"},
		{"newline", "a\nb", 200, "f: holds the control character U+000A"},
		{"tab", "a\tb", 200, "f: holds the control character U+0009"},
		{"NUL", "a\x00", 200, "f: holds the control character U+0000"},
		{"C1 control", "a\u0085", 200, "f: holds the control character U+0085"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := geo.CheckText("f", tc.s, tc.max)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tc.want != "" && (err == nil || err.Error() != tc.want || geo.KindOf(err) != geo.Invalid):
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	for in, want := range map[string]string{
		"short":                  "short",
		strings.Repeat("ш", 40):  strings.Repeat("ш", 40),
		strings.Repeat("ш", 41):  strings.Repeat("ш", 40) + "…",
		strings.Repeat("x", 1e6): strings.Repeat("x", 40) + "…",
	} {
		if got := geo.Shorten(in); got != want {
			t.Errorf("Shorten(%d bytes) = %q, want %q", len(in), got, want)
		}
	}
}

// TestValidateText: every free-text field of every record is checked.
func TestValidateText(t *testing.T) {
	today := geo.MustParseDate("2026-01-01").Start
	change := func(edit func(*geo.Change)) error {
		c := geo.Change{ID: "c", SettlementID: "s", Date: geo.MustParseDate("2020-01-01"), Controller: "a",
			Kind: geo.Capture, Status: geo.Confirmed, Sources: []geo.Source{{Title: "T"}}}
		edit(&c)
		return c.Validate(today)
	}
	settlement := func(edit func(*geo.Settlement)) error {
		s := geo.Settlement{ID: "s", Names: geo.Names{En: "S"}}
		edit(&s)
		return s.Validate()
	}
	long := strings.Repeat("x", 2001)
	tests := map[string]error{
		"name_en":          settlement(func(s *geo.Settlement) { s.Names.En = long }),
		"name_hy":          geo.Actor{ID: "a", Names: geo.Names{En: "A", Hy: "\x01"}, Color: "#000000"}.Validate(),
		"district":         settlement(func(s *geo.Settlement) { s.District = "a\nb" }),
		"country":          settlement(func(s *geo.Settlement) { s.Country = "\xff" }),
		"wikipedia_url":    settlement(func(s *geo.Settlement) { s.WikipediaURL = "https://x.org/" + long }),
		"note":             change(func(c *geo.Change) { c.Note = long }),
		"source_title":     change(func(c *geo.Change) { c.Sources[0].Title = strings.Repeat("t", 501) }),
		"source_publisher": change(func(c *geo.Change) { c.Sources[0].Publisher = "a\tb" }),
		"source_url":       change(func(c *geo.Change) { c.Sources[0].URL = "https://x.org/" + long }),
		"source_date":      change(func(c *geo.Change) { c.Sources[0].Published = geo.MustParseDate("2026-01-02") }),
		"controller":       change(func(c *geo.Change) { c.Controller = "Some Army" }),
	}
	for field, err := range tests {
		var ge *geo.Error
		if !errors.As(err, &ge) || ge.Field != field {
			t.Errorf("%s: error %v, want one about %s", field, err, field)
		}
	}
	if err := change(func(c *geo.Change) { c.Sources[0].Published = geo.MustParseDate("2026-01") }); err != nil {
		t.Errorf("a source of this month: %v", err)
	}
}
