package data

import "github.com/controlmap/controlmap/geo"

// Changing says that a settlement's control is changing on the day: an interval change (Date,
// an EDTF interval) has not counted yet. Controller and the fields about it are null meanwhile.
type Changing struct {
	Previous *ActorJSON `json:"previous"` // null when unknown
	Next     *ActorJSON `json:"next"`
	Date     string     `json:"date"`
	Until    string     `json:"until"` // the day it counts from
	ChangeID string     `json:"change_id"`
	Kind     geo.Kind   `json:"kind"`
	Status   geo.Status `json:"status"`
}

// NewChanging describes per, a period while control is changing.
func NewChanging(ix *geo.Index, per geo.Period) *Changing {
	c := per.Change
	return &Changing{
		Previous: ActorRef(ix, per.Previous), Next: ActorRef(ix, c.Controller), Date: c.Date.String(),
		Until: c.Date.Counts().String(), ChangeID: c.ID, Kind: c.Kind, Status: c.Status,
	}
}

// EarliestDay is the first day d may refer to (see geo.Date.Earliest), or nil (JSON null) for
// "../B", which has none.
func EarliestDay(d geo.Date) *geo.Day {
	if d.OnOrBefore() {
		return nil
	}
	day := d.Earliest()
	return &day
}
