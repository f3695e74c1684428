package tiles

import (
	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb/geojson"
)

// PeriodProps are the properties of a control period, as docs/CONTRACT.md sets them: the same
// in the MVT layer "settlements" and in the API's /api/periods GeoJSON.
//
// The desc tag of each field is its description in the TileJSON (Server.TileJSON).
type PeriodProps struct {
	SID        string  `json:"sid" desc:"String: settlement id"`
	Name       string  `json:"name" desc:"String: default name"`
	NameEn     string  `json:"name_en,omitempty" desc:"String: English name (absent if unknown)"`
	NameAz     string  `json:"name_az,omitempty" desc:"String: Azerbaijani name (absent if unknown)"`
	NameHy     string  `json:"name_hy,omitempty" desc:"String: Armenian name (absent if unknown)"`
	NameRu     string  `json:"name_ru,omitempty" desc:"String: Russian name (absent if unknown)"`
	District   string  `json:"district" desc:"String: district"`
	Rank       int     `json:"rank" desc:"Number: 3 city, 2 town, 1 village"`
	Abandoned  bool    `json:"abandoned,omitempty" desc:"Boolean: true for a place no longer inhabited (abandoned, destroyed or historical; GeoNames PPLQ, PPLW, PPLH), absent otherwise"`
	From       geo.Day `json:"from" desc:"Number: first day of the period, days since 1970-01-01 (-2147483648: open)"`
	To         geo.Day `json:"to" desc:"Number: day after the period (2147483647: open)"`
	Controller string  `json:"controller" desc:"String: actor id, empty when unknown or changing"`
	Status     string  `json:"status" desc:"String: confirmed, claimed, disputed, or empty when unknown"`
	Change     string  `json:"change" desc:"String: id of the change in force (the incoming one while changing), empty when unknown"`
	Kind       string  `json:"kind" desc:"String: kind of that change (capture, handover, withdrawal, claim, other, counter-claim, confirmation), empty when unknown"`
	Since      string  `json:"since" desc:"String: written date (EDTF) of that change, empty when unknown; kept across status events"`
	DisputedBy string  `json:"disputed_by" desc:"String: actor id of the side whose counter-claim disputes the period, or empty"`
	Changing   bool    `json:"changing" desc:"Boolean: true while an interval change has not counted yet (controller empty)"`
	Previous   string  `json:"previous" desc:"String: while changing, the actor id before (empty when unknown)"`
	Next       string  `json:"next" desc:"String: while changing, the incoming actor id"`
}

// NewPeriodProps describes period p of settlement st. While control is changing, controller is
// empty, changing true, previous and next the controllers before and after, and change, since,
// kind and status those of the incoming change. After a status event (a confirmation, a
// counter-claim) from moves on while since stays the date of the change in force.
func NewPeriodProps(st *geo.Settlement, p geo.Period) PeriodProps {
	n := st.Names
	out := PeriodProps{
		SID: st.ID, Name: n.Default(), NameEn: n.En, NameAz: n.Az, NameHy: n.Hy, NameRu: n.Ru,
		District: st.District, Rank: st.Place.Rank(), Abandoned: st.Abandoned, From: p.From, To: p.To,
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

// Map returns the properties as orb's MVT encoder takes them; a missing name is left out, and
// abandoned unless true.
func (p PeriodProps) Map() geojson.Properties {
	m := geojson.Properties{
		"sid": p.SID, "name": p.Name, "district": p.District, "rank": int64(p.Rank),
		"from": int64(p.From), "to": int64(p.To), // geo.Day is a Stringer: orb would write it as text
		"controller": p.Controller, "status": p.Status, "change": p.Change, "since": p.Since, "kind": p.Kind,
		"disputed_by": p.DisputedBy, "changing": p.Changing, "previous": p.Previous, "next": p.Next,
	}
	if p.Abandoned {
		m["abandoned"] = true
	}
	for k, v := range map[string]string{"name_en": p.NameEn, "name_az": p.NameAz, "name_hy": p.NameHy, "name_ru": p.NameRu} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}
