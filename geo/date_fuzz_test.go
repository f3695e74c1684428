package geo_test

import (
	"testing"

	"github.com/controlmap/controlmap/geo"
)

// FuzzParseDate checks that ParseDate never panics and that whatever it accepts prints back in
// a form that parses to the same value, and that is the same text as the input.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1992", "1992-09", "1992-09-04", "2020-09-27/2020-11-10", "../1994-05-12", "1992-06/1992-07", "2020-09-27/..", "0000", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := geo.ParseDate(s)
		if err != nil {
			return
		}
		text := d.String()
		back, err := geo.ParseDate(text)
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %+v, printed %q, parsed back %+v, %v", s, d, text, back, err)
		}
		if text != s {
			t.Errorf("ParseDate(%q) prints as %q", s, text)
		}
		if d.Counts() < d.Earliest() || d.Counts() < d.Start {
			t.Errorf("ParseDate(%q): counts from %v, before its earliest day %v or its end %v", s, d.Counts(), d.Earliest(), d.Start)
		}
	})
}
