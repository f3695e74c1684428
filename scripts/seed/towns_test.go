package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/geo"
)

// TestTownsKnownAfterFirstEvent: every town, city and district centre has a known controller
// on every day from its first sourced change on, by controlmap's own timeline.
func TestTownsKnownAfterFirstEvent(t *testing.T) {
	s, _ := generate(t)
	files, err := render(s)
	if err != nil {
		t.Fatal(err)
	}
	db, err := validate(s, files)
	if err != nil {
		t.Fatal(err)
	}
	defer db.close()
	ix := db.store.Index()
	for _, st := range s.Settlements {
		if st.Place == "village" && (st.place == nil || st.place.FeatureCode != "PPLA") {
			continue
		}
		e, ok := ix.Entry(st.ID)
		if !ok || e.Len() == 0 {
			t.Errorf("%s: no history", st.ID)
			continue
		}
		for _, p := range e.Timeline() {
			if p.To > firstDay(e) && !p.Known() {
				t.Errorf("%s: controller unknown from %s to %s", st.ID, p.From, p.To)
			}
		}
	}
}

// firstDay is the day the first change of an entry counts from.
func firstDay(e *geo.Entry) geo.Day {
	first := geo.MaxDay
	for _, p := range e.Timeline() {
		if p.Change != nil && p.From < first {
			first = p.From
		}
	}
	return first
}

// TestAbandonedFromGeoNames: exactly the GeoNames places coded abandoned, destroyed or
// historical (PPLQ, PPLW, PPLH) are abandoned, and the importer reads them back so that
// REPORT.md's count (taken from the imported seed) is theirs.
func TestAbandonedFromGeoNames(t *testing.T) {
	s, out := generate(t)
	want := 0
	for _, st := range s.Settlements {
		coded := st.place != nil && slices.Contains([]string{"PPLQ", "PPLW", "PPLH"}, st.place.FeatureCode)
		if st.Abandoned != coded {
			t.Errorf("%s: abandoned = %v, GeoNames code %v", st.ID, st.Abandoned, st.place != nil && coded)
		}
		if coded {
			want++
		}
	}
	if want < 100 {
		t.Errorf("%d abandoned places, want the 135 of GeoNames", want)
	}
	report, err := os.ReadFile(filepath.Join(out, "REPORT.md"))
	if err != nil {
		t.Fatal(err)
	}
	if row := fmt.Sprintf("| **All** | %d | %d |", len(s.Settlements), want); !strings.Contains(string(report), row) {
		t.Errorf("REPORT.md has no row %q", row)
	}
}
