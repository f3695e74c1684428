package main

import (
	"sort"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// Actor ids of docs/CONTRACT.md.
const (
	azerbaijan = "azerbaijan"
	armenian   = "armenian-forces"
	russian    = "russian-peacekeepers"
)

// actor is one row of actors.csv.
type actor struct {
	ID, NameEN, NameAZ, NameHY, NameRU, Color string
}

// settlement is one row of settlements.csv, plus where it came from.
type settlement struct {
	ID, NameEN, NameAZ, NameHY, NameRU, District, Country string
	Lon, Lat                                              float64
	Population, GeoNamesID                                int
	WikipediaURL, Place                                   string
	Origin                                                string   // originGeoNames, originCoords, originWikiCoords
	town                                                  bool     // from GeoNames: keeps the bare slug
	keys                                                  []string // facts/coords row keys naming it
	alternates                                            string   // GeoNames name and alternate names
	namedByPlainRow                                       bool     // names taken from a plain town row
	azAlias                                               string   // Azerbaijani name as the coordinates row gives it
}

// Where a settlement's point comes from.
const (
	originGeoNames   = "GeoNames (geonames_cities500_bbox.tsv)"
	originCoords     = "karabakh_settlement_coords.csv (Wikipedia infobox)"
	originWikiCoords = "wikipedia_settlement_coords.csv (Wikipedia infobox)"
)

// source is one source row of a change.
type source struct {
	Title, Publisher, URL, Date string
}

// change is one control change: several sources make several CSV rows.
type change struct {
	ID, SettlementID, Date, Controller, Kind, Status, Note string
	Sources                                                []source
	From                                                   string // controller before, as the source row states it ("" unknown)
	Derived                                                string // the district row it was derived from; "" for a settlement row
}

// seed is everything the generator writes.
type seed struct {
	Actors      []actor
	Settlements []*settlement
	Changes     []*change
	Report      *report
}

// rowKey joins a facts/coords row's settlement and district, as the two files
// are joined on these columns.
func rowKey(r record) string {
	return r["settlement"] + "|" + r["district"]
}

// parseDate reads a written date of precision year, month or day, as its first day.
func parseDate(s string) (time.Time, error) {
	d, err := geo.ParseDate(s)
	return d.Start.Time(), err
}

// mustDay is parseDate for dates already validated on input.
func mustDay(s string) time.Time {
	t, err := parseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// sortChanges orders changes by settlement, then date (start of its
// precision), then id.
func sortChanges(cs []*change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.SettlementID != b.SettlementID {
			return a.SettlementID < b.SettlementID
		}
		if da, db := mustDay(a.Date), mustDay(b.Date); !da.Equal(db) {
			return da.Before(db)
		}
		return a.ID < b.ID
	})
}
