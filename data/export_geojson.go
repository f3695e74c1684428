package data

import (
	"bufio"
	"encoding/json"
	"io"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Licence is the licence of the dataset as a whole (its Wikipedia-derived facts are CC BY-SA).
const Licence = "CC BY-SA 4.0"

// Metadata is the top-level "metadata" member of an exported snapshot.
type Metadata struct {
	Date        string `json:"date"`
	Attribution string `json:"attribution"`
	Licence     string `json:"licence"`
	GeneratedAt string `json:"generated_at"`
	Count       int    `json:"count"`
}

// SettlementProps are the properties of a settlement feature: the settlement and its control on
// one day. Absent values are JSON null, so every feature has the same fields (GDAL and QGIS
// read the schema from them).
type SettlementProps struct {
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	Names           geo.Names  `json:"names"`
	District        string     `json:"district"`
	Country         string     `json:"country"`
	Place           geo.Place  `json:"place"`
	Population      *int       `json:"population"`
	GeoNamesID      *int64     `json:"geonames_id"`
	WikipediaURL    *string    `json:"wikipedia_url"`
	Controller      *ActorJSON `json:"controller"`
	ControllerID    *string    `json:"controller_id"`
	ControlledSince *string    `json:"controlled_since"`
	Status          *string    `json:"status"`
	ChangeID        *string    `json:"change_id"`
	DisputedBy      *ActorJSON `json:"disputed_by"`
	Changing        *Changing  `json:"changing"`
}

// SettlementFeature is a settlement and its control on one day, as a GeoJSON feature.
type SettlementFeature = geojson.FeatureOf[SettlementProps]

// NewSettlementFeature shows st, a settlement and its period on a day.
func NewSettlementFeature(ix *geo.Index, st geo.State) *SettlementFeature {
	s := st.Settlement
	p := SettlementProps{
		ID: s.ID, Name: s.Names.Default(), Names: s.Names, District: s.District, Country: s.Country,
		Place: placeOf(s), Population: nonZero(s.Population), GeoNamesID: nonZero(s.GeoNamesID),
		WikipediaURL: nonZero(s.WikipediaURL),
	}
	if per := st.Period; per.Changing {
		p.Changing = NewChanging(ix, per)
	} else {
		p.setControl(ix, per)
	}
	return &SettlementFeature{ID: s.ID, Type: "Feature", Geometry: s.Point, Properties: p}
}

// setControl fills the fields about the controller in force during period per.
func (p *SettlementProps) setControl(ix *geo.Index, per geo.Period) {
	p.Controller, p.ControllerID = ActorRef(ix, per.Controller), nonZero(per.Controller)
	p.Status, p.DisputedBy = nonZero(string(per.Status)), ActorRef(ix, per.DisputedBy())
	if c := per.Change; c != nil {
		p.ControlledSince, p.ChangeID = nonZero(c.Date.String()), &c.ID
	}
}

// SnapshotFeatures yields each state (a settlement and its period on a day) as a feature.
func SnapshotFeatures(ix *geo.Index, states []geo.State) iter.Seq[*SettlementFeature] {
	return func(yield func(*SettlementFeature) bool) {
		for _, st := range states {
			if !yield(NewSettlementFeature(ix, st)) {
				return
			}
		}
	}
}

// WriteSnapshot writes every settlement (inside bound, if not nil) with its controller on day,
// as an RFC 7946 FeatureCollection with a "metadata" member.
func WriteSnapshot(w io.Writer, ix *geo.Index, day geo.Day, bound *orb.Bound, now time.Time) error {
	states := ix.Snapshot(day, bound)
	return WriteFeatureCollection(w, SnapshotFeatures(ix, states), map[string]any{"metadata": Metadata{
		Date:        day.String(),
		Attribution: Attribution(),
		Licence:     Licence,
		GeneratedAt: now.UTC().Format(time.RFC3339),
		Count:       len(states),
	}})
}

// WriteFeatureCollection writes features as a FeatureCollection followed by the extra members
// (in key order), one feature at a time: the collection is never held as one document.
func WriteFeatureCollection[F json.Marshaler](w io.Writer, features iter.Seq[F], extra map[string]any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	first := true
	for f := range features {
		b, err := f.MarshalJSON()
		if err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.Write(b)
	}
	bw.WriteByte(']')
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		v, err := json.Marshal(extra[k])
		if err != nil {
			return err
		}
		key, _ := json.Marshal(k)
		bw.WriteByte(',')
		bw.Write(key)
		bw.WriteByte(':')
		bw.Write(v)
	}
	bw.WriteByte('}')
	return bw.Flush()
}

// ActorJSON is an actor as the API shows it next to a settlement.
type ActorJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// ActorRef returns the actor with id as ActorJSON, or nil (JSON null) for "" or an unknown id.
func ActorRef(ix *geo.Index, id string) *ActorJSON {
	a, ok := ix.Actor(id)
	if !ok {
		return nil
	}
	return &ActorJSON{ID: a.ID, Name: a.Names.Default(), Color: a.Color}
}

func placeOf(s *geo.Settlement) geo.Place {
	if s.Place == "" {
		return geo.Village
	}
	return s.Place
}

// nonZero returns a pointer to v, or nil (JSON null) for the zero value.
func nonZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
