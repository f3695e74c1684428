package web_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"testing"

	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

// TestSeedAnswersTheJournalist is the foundation's acceptance test on the embedded seed:
// who held Abdal-Gulabli on 19 and on 20 November 2020, and on what sources.
func TestSeedAnswersTheJournalist(t *testing.T) {
	h := newServer(t, datatest.MustOpenSeeded(t))
	for date, want := range map[string]string{"1992-09-03": "", "2020-11-19": "armenian-forces", "2020-11-20": "azerbaijan"} {
		if got := seedController(t, h, date); got != want {
			t.Errorf("on %s abdal-gulabli is controlled by %q, want %q", date, got, want)
		}
	}

	rec := get(t, h, "/api/collections/settlements/items/abdal-gulabli")
	var f struct {
		Geometry   struct{ Coordinates [2]float64 }
		Properties struct {
			History []struct {
				Date, Kind string
				Controller struct{ ID string }
				Sources    []struct{ Title, Publisher, Published string }
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &f); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("GET abdal-gulabli = %d %v", rec.Code, err)
	}
	if f.Geometry.Coordinates != [2]float64{46.94806, 39.87739} {
		t.Errorf("point = %v, want the GeoNames point of Gülablı (148018)", f.Geometry.Coordinates)
	}
	byDate := map[string]int{}
	for i, c := range f.Properties.History {
		byDate[c.Date] = i
		if len(c.Sources) == 0 {
			t.Errorf("change of %s has no source", c.Date)
		}
	}
	capture, ok1 := byDate["1992-09-04"]
	handover, ok2 := byDate["2020-11-20"]
	if !ok1 || !ok2 {
		t.Fatalf("history lacks the 1992-09-04 or 2020-11-20 entry: %+v", f.Properties.History)
	}
	if c := f.Properties.History[capture]; c.Kind != "capture" || c.Controller.ID != "armenian-forces" {
		t.Errorf("1992 entry = %+v", c)
	}
	anadolu := false
	for _, s := range f.Properties.History[handover].Sources {
		anadolu = anadolu || (s.Publisher == "Anadolu Agency" && s.Title == "Azerbaijani soldiers help Armenian civilians evacuate" && s.Published == "2020-11-24")
	}
	if !anadolu {
		t.Errorf("2020 entry's sources lack the Anadolu Agency report: %+v", f.Properties.History[handover].Sources)
	}
}

func seedController(t *testing.T, h http.Handler, date string) string {
	t.Helper()
	rec := get(t, h, "/api/collections/settlements/items?limit=10000&datetime="+date)
	var fc struct {
		Features []struct {
			ID         string
			Properties struct {
				ControllerID string `json:"controller_id"`
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if f.ID == "abdal-gulabli" {
			return f.Properties.ControllerID
		}
	}
	t.Fatalf("abdal-gulabli missing from the snapshot of %s", date)
	return ""
}

// TestSeedTiles reads Abdal-Gulabli's control periods from its vector tile, for every date and
// for one date.
func TestSeedTiles(t *testing.T) {
	h := newServer(t, datatest.MustOpenSeeded(t))
	tile := maptile.At(orb.Point{46.94806, 39.87739}, 10)
	path := fmt.Sprintf("/tiles/settlements/%d/%d/%d.mvt", tile.Z, tile.X, tile.Y)

	periods := func(target string) map[string]string {
		t.Helper()
		rec := get(t, h, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d", target, rec.Code)
		}
		layers, err := mvt.Unmarshal(rec.Body.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, f := range layers[0].Features {
			if f.Properties["sid"] == "abdal-gulabli" {
				from, to := f.Properties["from"].(float64), f.Properties["to"].(float64)
				out[span(geo.Day(from), geo.Day(to))] = f.Properties["controller"].(string)
			}
		}
		return out
	}
	captured, handedOver := geo.MustParseDate("1992-09-04").Start, geo.MustParseDate("2020-11-20").Start
	want := map[string]string{
		span(geo.MinDay, captured):   "",
		span(captured, handedOver):   "armenian-forces",
		span(handedOver, geo.MaxDay): "azerbaijan",
	}
	if got := periods(path); !maps.Equal(got, want) {
		t.Errorf("periods in %s = %v, want %v", path, got, want)
	}
	if got := periods(path + "?date=2020-11-19"); len(got) != 1 || got[span(captured, handedOver)] != "armenian-forces" {
		t.Errorf("periods on 2020-11-19 = %v, want only the armenian-forces one", got)
	}
}

func span(from, to geo.Day) string { return fmt.Sprintf("%d-%d", int64(from), int64(to)) }
