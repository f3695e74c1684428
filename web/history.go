package web

import (
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

// sourceJSON is a source as the API shows it.
type sourceJSON struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// changeJSON is a change as the API shows it, with the controller it replaced. Date is the
// EDTF text (an interval for an uncertain date), Day the day it counts from, Earliest the first
// day an interval may refer to (null for "../B"; Day for a single date). Previous is null for a
// status event (a confirmation of the controller in force, a counter-claim): those hand nothing over.
type changeJSON struct {
	ID           string          `json:"id"`
	SettlementID string          `json:"settlement_id"`
	Date         string          `json:"date"`
	Precision    string          `json:"precision"`
	Day          geo.Day         `json:"day"`
	Earliest     *geo.Day        `json:"earliest"`
	Controller   *data.ActorJSON `json:"controller"`
	Previous     *data.ActorJSON `json:"previous"`
	Kind         geo.Kind        `json:"kind"`
	Status       geo.Status      `json:"status"`
	Note         string          `json:"note,omitempty"`
	Sources      []sourceJSON    `json:"sources"`
	RecordedAt   string          `json:"recorded_at"`
	Retracted    *retractionJSON `json:"retracted"`
}

type retractionJSON struct {
	At     string `json:"at"`
	Reason string `json:"reason"`
}

// toChangeJSON shows c, a change of the settlement of e.
func toChangeJSON(ix *geo.Index, e *geo.Entry, c *geo.Change) changeJSON {
	out := changeJSON{
		ID: c.ID, SettlementID: c.SettlementID, Date: c.Date.String(), Precision: c.Date.Precision.String(),
		Day: c.Date.Counts(), Earliest: data.EarliestDay(c.Date), Controller: data.ActorRef(ix, c.Controller), Kind: c.Kind,
		Status: c.Status, Note: c.Note, RecordedAt: c.RecordedAt.UTC().Format(time.RFC3339), Sources: make([]sourceJSON, len(c.Sources)),
	}
	if prev, ok := e.Timeline.PreviousController(c.ID); ok {
		out.Previous = data.ActorRef(ix, prev)
	}
	for i, s := range c.Sources {
		out.Sources[i] = sourceJSON{Title: s.Title, Publisher: s.Publisher, URL: s.URL, Published: s.Published.String()}
	}
	if r := c.Retracted; r != nil {
		out.Retracted = &retractionJSON{At: r.At.UTC().Format(time.RFC3339), Reason: r.Reason}
	}
	return out
}

// history shows every change of e, retracted ones included, oldest first.
func history(ix *geo.Index, e *geo.Entry) []changeJSON {
	out := make([]changeJSON, len(e.Changes))
	for i, c := range e.Changes {
		out[i] = toChangeJSON(ix, e, c)
	}
	return out
}
