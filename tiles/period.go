package tiles

import (
	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb/geojson"
)

// PeriodProps are the properties of a control period, as docs/CONTRACT.md sets them: the same
// in the MVT layer "settlements" and in the API's /api/periods GeoJSON.
type PeriodProps struct {
	SID        string  `json:"sid"`
	Name       string  `json:"name"`
	NameEn     string  `json:"name_en,omitempty"`
	NameAz     string  `json:"name_az,omitempty"`
	NameHy     string  `json:"name_hy,omitempty"`
	NameRu     string  `json:"name_ru,omitempty"`
	District   string  `json:"district"`
	Rank       int     `json:"rank"`
	From       geo.Day `json:"from"`
	To         geo.Day `json:"to"`
	Controller string  `json:"controller"`
	Status     string  `json:"status"`
	Change     string  `json:"change"`
	Kind       string  `json:"kind"`
	Since      string  `json:"since"`
	DisputedBy string  `json:"disputed_by"`
	Changing   bool    `json:"changing"`
	Previous   string  `json:"previous"`
	Next       string  `json:"next"`
}

// NewPeriodProps describes period p of settlement st. While control is changing, controller is
// empty, changing true, previous and next the controllers before and after, and change, since,
// kind and status those of the incoming change. After a status event (a confirmation, a
// counter-claim) from moves on while since stays the date of the change in force.
func NewPeriodProps(st *geo.Settlement, p geo.Period) PeriodProps {
	n := st.Names
	out := PeriodProps{
		SID: st.ID, Name: n.Default(), NameEn: n.En, NameAz: n.Az, NameHy: n.Hy, NameRu: n.Ru,
		District: st.District, Rank: st.Place.Rank(), From: p.From, To: p.To,
		Controller: p.Controller, Status: string(p.Status),
	}
	if p.Change != nil {
		out.Change, out.Since, out.Kind = p.Change.ID, p.Change.Date.String(), string(p.Change.Kind)
	}
	if p.Changing {
		out.Changing, out.Previous, out.Next = true, p.Previous, p.Change.Controller
	}
	out.DisputedBy = p.DisputedBy()
	return out
}

// Map returns the properties as orb's MVT encoder takes them; a missing name is left out.
func (p PeriodProps) Map() geojson.Properties {
	m := geojson.Properties{
		"sid": p.SID, "name": p.Name, "district": p.District, "rank": int64(p.Rank),
		"from": int64(p.From), "to": int64(p.To), // geo.Day is a Stringer: orb would write it as text
		"controller": p.Controller, "status": p.Status, "change": p.Change, "since": p.Since, "kind": p.Kind,
		"disputed_by": p.DisputedBy, "changing": p.Changing, "previous": p.Previous, "next": p.Next,
	}
	for k, v := range map[string]string{"name_en": p.NameEn, "name_az": p.NameAz, "name_hy": p.NameHy, "name_ru": p.NameRu} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}
