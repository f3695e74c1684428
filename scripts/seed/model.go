package main

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
	ID                  string
	names               names
	District, Country   string
	Lon, Lat            float64
	Population          int
	GeoNamesID          int
	WikipediaURL, Place string
	Abandoned           bool        // GeoNames PPLQ, PPLW or PPLH
	Origin              string      // originGeoNames or originLegacy
	place               *place      // its GeoNames record, nil for an old village kept as it was
	legacy              *settlement // the old seed's settlement that had this id
	side                side        // relative to the 1994 ceasefire area
	edgeKm              float64     // signed distance to that area's edge
	oblast              bool        // inside the former NKAO
	corridor            bool        // near the Lachin corridor towns
}

// Where a settlement's point comes from.
const (
	originGeoNames = "GeoNames (geonames_AZ.txt)"
	originLegacy   = "Wikipedia infobox (old seed; no GeoNames match)"
)

// source is one source row of a change.
type source struct {
	Title, Publisher, URL, Date string
	origin                      string // azerbaijani, armenian, russian, international or ""
}

// change is one control change: several sources make several CSV rows.
type change struct {
	ID, SettlementID, Date, Controller, Kind, Status, Note string
	Sources                                                []source
	from                                                   string   // controller before, as the fact states it
	held                                                   bool     // a "held from A to B" confirmation dated from A
	public                                                 string   // the research's public note, if any
	rule                                                   string   // which rule made it, for the report
	curation                                               []string // editors' remarks, for the report
}

// seed is everything the generator writes.
type seed struct {
	Actors      []actor
	Settlements []*settlement
	Changes     []*change
	Report      *report
}
