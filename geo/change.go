package geo

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Kind is what happened in a change of control.
type Kind string

// The kinds of change.
const (
	Capture    Kind = "capture"    // a military takeover reported as fact
	Handover   Kind = "handover"   // a transfer under an agreement
	Withdrawal Kind = "withdrawal" // one side left
	Claim      Kind = "claim"      // announced by one side
	Other      Kind = "other"

	// Status events: they never hand a place over on their own (see the package doc).
	CounterClaim Kind = "counter-claim" // the side named says it still holds the place, against a claim
	Confirmation Kind = "confirmation"  // a later source confirms who holds the place
)

// Kinds lists the valid kinds.
var Kinds = []Kind{Capture, Handover, Withdrawal, Claim, Other, CounterClaim, Confirmation}

// Status is how well a change is established.
type Status string

// The statuses.
const (
	Confirmed Status = "confirmed"
	Claimed   Status = "claimed"
	Disputed  Status = "disputed"
)

// Statuses lists the valid statuses.
var Statuses = []Status{Confirmed, Claimed, Disputed}

// Source backs a change: a report, an article, a statement.
type Source struct {
	Title     string
	Publisher string
	URL       string
	Published Date // optional
}

// Retraction marks a change as withdrawn by an editor. The change stays in the history.
type Retraction struct {
	At     time.Time
	Reason string
}

// Change is a dated change of control of one settlement.
type Change struct {
	ID           string
	SettlementID string
	Date         Date
	Controller   string // actor id
	Kind         Kind
	Status       Status
	Sources      []Source
	Note         string
	RecordedAt   time.Time
	Retracted    *Retraction
}

// Counts reports whether c takes part in the timeline.
func (c *Change) Counts() bool { return c.Retracted == nil }

// Validate checks c's own fields; today is the last day a change may be dated.
// That the settlement and the controller exist is checked by the store.
func (c *Change) Validate(today Day) error {
	switch {
	case !ValidID(c.ID):
		return Invalidf("id", "%q is not a lowercase slug", c.ID)
	case c.SettlementID == "":
		return Invalidf("settlement_id", "is empty")
	case c.Date.IsZero():
		return Invalidf("date", "is empty")
	case c.Date.Start > today:
		return Invalidf("date", "%s is in the future", c.Date)
	case c.Controller == "":
		return Invalidf("controller", "is empty")
	case !slices.Contains(Kinds, c.Kind):
		return Invalidf("kind", "%q is not one of %s", c.Kind, joinKinds())
	case !slices.Contains(Statuses, c.Status):
		return Invalidf("status", "%q is not one of confirmed, claimed, disputed", c.Status)
	case len(c.Sources) == 0:
		return Invalidf("source_title", "a change needs at least one source")
	}
	return validateSources(c.Sources)
}

func validateSources(sources []Source) error {
	for _, s := range sources {
		switch {
		case s.Title == "":
			return Invalidf("source_title", "every source needs a title")
		case s.URL != "" && !IsWebURL(s.URL):
			return Invalidf("source_url", "%q is not an http(s) URL", s.URL)
		}
	}
	return nil
}

func joinKinds() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// CompareChanges orders changes as the timeline applies them: by the day they count from, then
// precision (coarser first; of the end, for an interval), then recording time, then id.
func CompareChanges(a, b *Change) int {
	return cmp.Or(
		cmp.Compare(a.Date.Counts(), b.Date.Counts()),
		cmp.Compare(a.Date.Precision, b.Date.Precision),
		a.RecordedAt.Compare(b.RecordedAt),
		cmp.Compare(a.ID, b.ID),
	)
}
