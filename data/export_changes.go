package data

import (
	"time"

	"github.com/controlmap/controlmap/geo"
)

// ChangeJSON is a change as the API shows it, with the controller it replaced. Date is the
// EDTF text (an interval for an uncertain date), Day the day it counts from, Earliest the first
// day an interval may refer to (null for "../B"; Day for a single date). Previous is null for a
// status event (a confirmation of the controller in force, a counter-claim): those hand nothing over.
type ChangeJSON struct {
	ID           string          `json:"id"`
	SettlementID string          `json:"settlement_id"`
	Date         string          `json:"date"`
	Precision    string          `json:"precision"`
	Day          geo.Day         `json:"day"`
	Earliest     *geo.Day        `json:"earliest"`
	Controller   *ActorJSON      `json:"controller"`
	Previous     *ActorJSON      `json:"previous"`
	Kind         geo.Kind        `json:"kind"`
	Status       geo.Status      `json:"status"`
	Note         string          `json:"note,omitempty"`
	Sources      SourcesJSON     `json:"sources"`
	RecordedAt   string          `json:"recorded_at"`
	Retracted    *RetractionJSON `json:"retracted"`
}

// RetractionJSON is when and why an editor withdrew a change.
type RetractionJSON struct {
	At     string `json:"at"`
	Reason string `json:"reason"`
}

// NewChangeJSON shows c, a change of the settlement of e.
func NewChangeJSON(ix *geo.Index, e *geo.Entry, c *geo.Change) ChangeJSON {
	out := ChangeJSON{
		ID: c.ID, SettlementID: c.SettlementID, Date: c.Date.String(), Precision: c.Date.Precision.String(),
		Day: c.Date.Counts(), Earliest: EarliestDay(c.Date), Controller: ActorRef(ix, c.Controller), Kind: c.Kind, Status: c.Status,
		Note: c.Note, RecordedAt: c.RecordedAt.UTC().Format(time.RFC3339), Sources: NewSourcesJSON(c.Sources),
	}
	if prev, ok := e.PreviousController(c.ID); ok {
		out.Previous = ActorRef(ix, prev)
	}
	if r := c.Retracted; r != nil {
		out.Retracted = &RetractionJSON{At: r.At.UTC().Format(time.RFC3339), Reason: r.Reason}
	}
	return out
}

// ChangeRow is a change as one flat row: the changes table of the GeoPackage and changes.csv
// of the dataset archive. Its sources are SourceRows.
type ChangeRow struct {
	ID               string  `json:"id" doc:"change id, a stable slug"`
	SettlementID     string  `json:"settlement_id" doc:"id of the settlement"`
	SettlementName   string  `json:"settlement_name" doc:"default name of the settlement"`
	Date             string  `json:"date" doc:"EDTF date with its precision (1992, 1992-05, 1992-09-04), or an interval when the day is uncertain (2020-09-27/2020-11-10, ../1994-05-12)"`
	Precision        string  `json:"precision" doc:"year, month or day"`
	FirstDay         *string `json:"first_day" doc:"first day the date covers, YYYY-MM-DD; empty for an open start (../1994-05-12)"`
	CountsFrom       string  `json:"counts_from" doc:"day the change counts from in the timeline, YYYY-MM-DD (the last day of an interval)"`
	ControllerID     string  `json:"controller_id" doc:"id of the side in control after the change"`
	ControllerName   *string `json:"controller_name" doc:"its name"`
	PreviousID       *string `json:"previous_id" doc:"id of the side in control before, empty when unknown or when the change sets no period"`
	Kind             string  `json:"kind" doc:"capture, handover, withdrawal, claim, counter-claim, confirmation or other"`
	Status           string  `json:"status" doc:"confirmed, claimed or disputed"`
	Note             *string `json:"note" doc:"editor's note"`
	SourceTitles     string  `json:"source_titles" doc:"titles of the sources, joined by ' | '"`
	SourceURLs       *string `json:"source_urls" doc:"their URLs, in the same order, joined by ' | '"`
	RecordedAt       string  `json:"recorded_at" doc:"when the change was recorded, RFC 3339"`
	RetractedAt      *string `json:"retracted_at" doc:"when an editor retracted it (it then counts no more), RFC 3339"`
	RetractionReason *string `json:"retraction_reason" doc:"why it was retracted"`
	Lon              float64 `json:"lon" doc:"longitude of the settlement, WGS 84"`
	Lat              float64 `json:"lat" doc:"latitude of the settlement, WGS 84"`
}

// ChangeColumns are the columns of ChangeRow, in order.
var ChangeColumns = columnsOf[ChangeRow]()

// NewChangeRow flattens c, a change of the settlement of e.
func NewChangeRow(ix *geo.Index, e *geo.Entry, c *geo.Change) ChangeRow {
	j := NewChangeJSON(ix, e, c)
	r := ChangeRow{
		ID: j.ID, SettlementID: j.SettlementID, SettlementName: e.Settlement.Names.Default(), Date: j.Date,
		Precision: j.Precision, CountsFrom: j.Day.String(), ControllerID: c.Controller, Kind: string(j.Kind),
		Status: string(j.Status), Note: nonZero(j.Note), RecordedAt: j.RecordedAt,
		SourceTitles: j.Sources.join(func(s *SourceJSON) string { return s.Title }),
		SourceURLs:   nonZero(j.Sources.join(func(s *SourceJSON) string { return s.URL })),
		Lon:          e.Settlement.Point.Lon(), Lat: e.Settlement.Point.Lat(),
	}
	if j.Earliest != nil {
		r.FirstDay = nonZero(j.Earliest.String())
	}
	if j.Controller != nil {
		r.ControllerName = &j.Controller.Name
	}
	if j.Previous != nil {
		r.PreviousID = &j.Previous.ID
	}
	if j.Retracted != nil {
		r.RetractedAt, r.RetractionReason = &j.Retracted.At, nonZero(j.Retracted.Reason)
	}
	return r
}

// SourceRow is one source of one change: the sources table of the GeoPackage and sources.csv
// of the dataset archive.
type SourceRow struct {
	ChangeID  string  `json:"change_id" doc:"id of the change the source backs"`
	Position  int     `json:"position" doc:"1 for the change's first source, 2 for the next…"`
	Title     string  `json:"title" doc:"title of the report, article or statement"`
	Publisher *string `json:"publisher" doc:"who published it"`
	URL       *string `json:"url" doc:"where to read it"`
	Published *string `json:"published" doc:"when it was published, with its precision"`
}

// SourceColumns are the columns of SourceRow, in order.
var SourceColumns = columnsOf[SourceRow]()

// NewSourceRows flattens the sources of c.
func NewSourceRows(c *geo.Change) []SourceRow {
	out := make([]SourceRow, len(c.Sources))
	for i, s := range c.Sources {
		out[i] = SourceRow{ChangeID: c.ID, Position: i + 1, Title: s.Title, Publisher: nonZero(s.Publisher),
			URL: nonZero(s.URL), Published: nonZero(s.Published.String())}
	}
	return out
}

// AllChanges are every change (retracted ones included) with their settlement, note and
// sources, in settlement then timeline order.
func AllChanges(ix *geo.Index) ([]EntryChange, error) {
	var out []EntryChange
	var changes []*geo.Change
	for _, e := range ix.Entries(nil) {
		for _, c := range e.Changes() {
			out = append(out, EntryChange{Entry: e, Change: c})
			changes = append(changes, c)
		}
	}
	return out, ix.FillDetails(changes)
}

// flatChanges are the flat rows of all, in order.
func flatChanges(ix *geo.Index, all []EntryChange) []ChangeRow {
	rows := make([]ChangeRow, len(all))
	for i, ec := range all {
		rows[i] = NewChangeRow(ix, ec.Entry, ec.Change)
	}
	return rows
}

// flatSources are the flat rows of the sources of all, in order.
func flatSources(all []EntryChange) []SourceRow {
	var rows []SourceRow
	for _, ec := range all {
		rows = append(rows, NewSourceRows(ec.Change)...)
	}
	return rows
}

// EntryChange is a change with the entry of its settlement.
type EntryChange struct {
	Entry  *geo.Entry
	Change *geo.Change
}
