package geo_test

import (
	"testing"

	"github.com/controlmap/controlmap/geo"
)

func withKind(k geo.Kind) func(*geo.Change) { return func(c *geo.Change) { c.Kind = k } }

// state is what the timeline says on one day, in the terms of the package doc's rules.
type state struct {
	controller string
	status     geo.Status
	since      string // first day of the control in force, "" for MinDay
	changing   bool
	previous   string // while changing
	next       string // while changing: the incoming controller
	disputedBy string
}

func stateOf(p geo.Period) state {
	s := state{controller: p.Controller, status: p.Status, changing: p.Changing, disputedBy: p.DisputedBy()}
	if p.Since != geo.MinDay {
		s.since = p.Since.String()
	}
	if p.Changing {
		s.previous, s.next = p.Previous, p.Change.Controller
	}
	return s
}

func TestTimelineUncertain(t *testing.T) {
	const arm, aze = "armenian-forces", "azerbaijan"
	captured := newChange("a", "1992-09-04", arm)
	between := newChange("b", "2020-09-27/2020-11-10", aze)
	confirmed := geo.Confirmed
	tests := []struct {
		name    string
		changes []*geo.Change
		day     string
		want    state
	}{
		// Rule 2: an interval counts from the last day of its end.
		{"interval: counts from its last day", []*geo.Change{captured, between}, "2020-11-10", state{controller: aze, status: confirmed, since: "2020-11-10"}},
		{"month interval: counts from its last day", []*geo.Change{captured, newChange("b", "1992-10/1992-11", aze)}, "1992-11-30", state{controller: aze, status: confirmed, since: "1992-11-30"}},
		{"interval: before it opens", []*geo.Change{captured, between}, "2020-09-26", state{controller: arm, status: confirmed, since: "1992-09-04"}},
		// Rule 3: while it is open, control is changing; never a made-up controller.
		{"interval: first day open", []*geo.Change{captured, between}, "2020-09-27", state{status: confirmed, since: "2020-09-27", changing: true, previous: arm, next: aze}},
		{"interval: day before it counts", []*geo.Change{captured, between}, "2020-11-09", state{status: confirmed, since: "2020-09-27", changing: true, previous: arm, next: aze}},
		{"month interval: last day open", []*geo.Change{captured, newChange("b", "1992-10/1992-11", aze)}, "1992-11-29", state{status: confirmed, since: "1992-10-01", changing: true, previous: arm, next: aze}},
		{"interval: no earlier change", []*geo.Change{between}, "2020-10-01", state{status: confirmed, since: "2020-09-27", changing: true, next: aze}},
		{"interval: no earlier change, before it opens", []*geo.Change{between}, "2020-09-26", state{}},
		{"interval opening before the change in force: changing from that change", []*geo.Change{newChange("a", "2020-10-05", arm), between}, "2020-10-05", state{status: confirmed, since: "2020-10-05", changing: true, previous: arm, next: aze}},
		{"interval opening before the change in force: earlier days keep their control", []*geo.Change{newChange("z", "1990", "other"), newChange("a", "2020-10-05", arm), between}, "2020-10-04", state{controller: "other", status: confirmed, since: "1990-01-01"}},
		{"on or before: changing from the change in force", []*geo.Change{captured, newChange("b", "../1994-05-12", aze)}, "1992-09-04", state{status: confirmed, since: "1992-09-04", changing: true, previous: arm, next: aze}},
		{"on or before: counts from its day", []*geo.Change{captured, newChange("b", "../1994-05-12", aze)}, "1994-05-12", state{controller: aze, status: confirmed, since: "1994-05-12"}},
		{"on or before: nothing earlier, unknown until it counts", []*geo.Change{newChange("b", "../1994-05-12", aze)}, "1994-05-11", state{}},
		{"on or before: nothing earlier, counts from its day", []*geo.Change{newChange("b", "../1994-05-12", aze)}, "1994-05-12", state{controller: aze, status: confirmed, since: "1994-05-12"}},
		{"interval naming the controller in force: no changing span", []*geo.Change{captured, newChange("b", "2020-09-27/2020-11-10", arm, withKind(geo.Other))}, "2020-10-01", state{controller: arm, status: confirmed, since: "1992-09-04"}},
		{"interval claimed: changing with its status", []*geo.Change{captured, newChange("b", "2020-09-27/2020-11-10", aze, withStatus(geo.Claimed))}, "2020-10-01", state{status: geo.Claimed, since: "2020-09-27", changing: true, previous: arm, next: aze}},
		{"retracted interval never counts", []*geo.Change{captured, newChange("b", "2020-09-27/2020-11-10", aze, retracted)}, "2020-10-01", state{controller: arm, status: confirmed, since: "1992-09-04"}},
		{"single date inside an open interval ends it", []*geo.Change{captured, between, newChange("c", "2020-11-10", arm, recordedAt(recorded.Add(1)))}, "2020-11-10", state{controller: arm, status: confirmed, since: "2020-11-10"}},
		// Rule 4: a confirmation of the controller in force is not a change of hands.
		{"confirmation: status from its day, since kept", []*geo.Change{newChange("a", "2020-11-08", aze, withStatus(geo.Claimed)), newChange("c", "2020-11-10", aze, withKind(geo.Confirmation))}, "2020-11-10", state{controller: aze, status: confirmed, since: "2020-11-08"}},
		{"confirmation: status before its day unchanged", []*geo.Change{newChange("a", "2020-11-08", aze, withStatus(geo.Claimed)), newChange("c", "2020-11-10", aze, withKind(geo.Confirmation))}, "2020-11-09", state{controller: aze, status: geo.Claimed, since: "2020-11-08"}},
		{"confirmation on the change's own day", []*geo.Change{newChange("a", "2020-11-08", aze, withStatus(geo.Claimed)), newChange("c", "2020-11-08", aze, withKind(geo.Confirmation))}, "2020-11-08", state{controller: aze, status: confirmed, since: "2020-11-08"}},
		{"interval confirmation counts from its end", []*geo.Change{newChange("a", "2020-11-08", aze, withStatus(geo.Claimed)), newChange("c", "2020-11-09/2020-11-12", aze, withKind(geo.Confirmation))}, "2020-11-11", state{controller: aze, status: geo.Claimed, since: "2020-11-08"}},
		{"confirmation of another controller changes hands", []*geo.Change{captured, newChange("c", "2020-11-10", aze, withKind(geo.Confirmation), withStatus(geo.Disputed))}, "2020-11-10", state{controller: aze, status: geo.Disputed, since: "2020-11-10"}},
		{"confirmation with nothing known changes hands", []*geo.Change{newChange("c", "2020-11-10", aze, withKind(geo.Confirmation))}, "2020-11-10", state{controller: aze, status: confirmed, since: "2020-11-10"}},
		{"retracted confirmation never counts", []*geo.Change{newChange("a", "2020-11-08", aze, withStatus(geo.Claimed)), newChange("c", "2020-11-10", aze, withKind(geo.Confirmation), retracted)}, "2020-11-10", state{controller: aze, status: geo.Claimed, since: "2020-11-08"}},
		// Rule 5: a counter-claim never changes the controller.
		{"counter-claim by the other side: disputed, since kept", []*geo.Change{newChange("a", "2020-10-20", aze, withStatus(geo.Claimed)), newChange("k", "2020-10-21", arm, withKind(geo.CounterClaim), withStatus(geo.Claimed))}, "2020-10-21", state{controller: aze, status: geo.Disputed, since: "2020-10-20", disputedBy: arm}},
		{"counter-claim: status before its day unchanged", []*geo.Change{newChange("a", "2020-10-20", aze, withStatus(geo.Claimed)), newChange("k", "2020-10-21", arm, withKind(geo.CounterClaim))}, "2020-10-20", state{controller: aze, status: geo.Claimed, since: "2020-10-20"}},
		{"counter-claim by the side in force: history only", []*geo.Change{newChange("a", "2020-10-20", aze, withStatus(geo.Claimed)), newChange("k", "2020-10-21", aze, withKind(geo.CounterClaim))}, "2020-10-21", state{controller: aze, status: geo.Claimed, since: "2020-10-20"}},
		{"counter-claim with nothing known: still unknown", []*geo.Change{newChange("k", "2020-10-21", arm, withKind(geo.CounterClaim))}, "2020-10-21", state{}},
		{"confirmation after a counter-claim", []*geo.Change{newChange("a", "2020-10-20", aze, withStatus(geo.Claimed)), newChange("k", "2020-10-21", arm, withKind(geo.CounterClaim)), newChange("c", "2020-11-10", aze, withKind(geo.Confirmation))}, "2020-11-10", state{controller: aze, status: confirmed, since: "2020-10-20"}},
		{"on or before after a confirmation: changing from the confirmation", []*geo.Change{captured, newChange("c", "1993-05", arm, withKind(geo.Confirmation)), newChange("b", "../1994-05-12", aze)}, "1993-04-30", state{controller: arm, status: confirmed, since: "1992-09-04"}},
		{"on or before after a confirmation: changing on its day", []*geo.Change{captured, newChange("c", "1993-05", arm, withKind(geo.Confirmation)), newChange("b", "../1994-05-12", aze)}, "1993-05-01", state{status: confirmed, since: "1993-05-01", changing: true, previous: arm, next: aze}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := geo.BuildTimeline(tt.changes)
			p := tl.At(day(tt.day))
			if got := stateOf(p); got != tt.want {
				t.Errorf("At(%s) = %+v, want %+v", tt.day, got, tt.want)
			}
			if p.Changing && p.Known() {
				t.Errorf("At(%s): a changing period reports a known controller", tt.day)
			}
			checkContiguous(t, tl)
		})
	}
}

// checkContiguous fails t unless tl covers every day once, without empty periods.
func checkContiguous(t *testing.T, tl geo.Timeline) {
	t.Helper()
	if tl[0].From != geo.MinDay || tl[len(tl)-1].To != geo.MaxDay {
		t.Errorf("timeline covers [%v, %v), want [MinDay, MaxDay)", tl[0].From, tl[len(tl)-1].To)
	}
	for i, p := range tl {
		if p.From >= p.To || (i > 0 && tl[i-1].To != p.From) {
			t.Errorf("period %d [%v, %v) is empty or not contiguous", i, p.From, p.To)
		}
	}
}

func TestTimelinePreviousController(t *testing.T) {
	const arm, aze = "armenian-forces", "azerbaijan"
	tl := geo.BuildTimeline([]*geo.Change{
		newChange("a", "1992-09-04", arm),
		newChange("k", "1993-01", aze, withKind(geo.CounterClaim)),
		newChange("c", "1994", arm, withKind(geo.Confirmation)),
		newChange("b", "../2020-11-10", aze),
		newChange("r", "2021", arm, retracted),
	})
	tests := []struct {
		change, want string
		wantOK       bool
	}{
		{"a", "", true},
		{"b", arm, true},
		{"k", "", false},
		{"c", "", false},
		{"r", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			got, ok := tl.PreviousController(tt.change)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("PreviousController(%q) = %q, %v; want %q, %v", tt.change, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
