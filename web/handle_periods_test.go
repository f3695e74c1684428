package web_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestPeriodsBBox: with bbox, /api/periods holds the periods of the settlements in it only,
// and a malformed bbox is a 400 naming it.
func TestPeriodsBBox(t *testing.T) {
	h, _ := newFixtureServer(t)
	type fc struct {
		Features []struct {
			Geometry   struct{ Coordinates [2]float64 }
			Properties struct{ SID string }
		}
	}
	read := func(target string) fc {
		t.Helper()
		rec := get(t, h, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d: %s", target, rec.Code, rec.Body)
		}
		var out fc
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	all := read("/api/periods")
	in := read("/api/periods?bbox=46.9,39.85,46.95,39.9")
	if len(in.Features) == 0 || len(in.Features) >= len(all.Features) {
		t.Fatalf("%d periods in the bbox of %d", len(in.Features), len(all.Features))
	}
	for _, f := range in.Features {
		if c := f.Geometry.Coordinates; c[0] < 46.9 || c[0] > 46.95 || c[1] < 39.85 || c[1] > 39.9 {
			t.Errorf("%s at %v is outside the bbox", f.Properties.SID, c)
		}
	}
	rec := get(t, h, "/api/periods?bbox=1,2,3")
	var e struct{ Parameter string }
	if json.Unmarshal(rec.Body.Bytes(), &e); rec.Code != http.StatusBadRequest || e.Parameter != "bbox" {
		t.Errorf("bad bbox: %d %s", rec.Code, rec.Body)
	}
}
