package geo_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// recorded is the recording time of test changes unless an option says otherwise.
var recorded = time.Date(2024, time.January, 1, 12, 0, 0, 0, time.UTC)

// day returns the first day of a literal date.
func day(s string) geo.Day { return geo.MustParseDate(s).Start }

// newChange returns a valid confirmed capture of abdal-gulabli, changed by opts.
func newChange(id, date, controller string, opts ...func(*geo.Change)) *geo.Change {
	c := &geo.Change{
		ID:           id,
		SettlementID: "abdal-gulabli",
		Date:         geo.MustParseDate(date),
		Controller:   controller,
		Kind:         geo.Capture,
		Status:       geo.Confirmed,
		Sources:      []geo.Source{{Title: "Report", URL: "https://example.org/report"}},
		RecordedAt:   recorded,
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

func recordedAt(t time.Time) func(*geo.Change) { return func(c *geo.Change) { c.RecordedAt = t } }

func withStatus(s geo.Status) func(*geo.Change) { return func(c *geo.Change) { c.Status = s } }

func retracted(c *geo.Change) { c.Retracted = &geo.Retraction{At: recorded, Reason: "wrong village"} }

func TestTimelineAt(t *testing.T) {
	const arm, aze, other = "armenian-forces", "azerbaijan", "other"
	later := recorded.Add(time.Hour)
	tests := []struct {
		name       string
		changes    []*geo.Change
		day        string
		want       string // controller
		wantChange string // id of the change that sets the period, "" when unknown
	}{
		{"no changes", nil, "1992-09-04", "", ""},
		{"before the first change", []*geo.Change{newChange("a", "1992-09-04", arm)}, "1992-09-03", "", ""},
		{"long before the first change", []*geo.Change{newChange("a", "1992-09-04", arm)}, "1900-01-01", "", ""},
		{"day change on its day", []*geo.Change{newChange("a", "1992-09-04", arm)}, "1992-09-04", arm, "a"},
		{"day change long after", []*geo.Change{newChange("a", "1992-09-04", arm)}, "2100-01-01", arm, "a"},
		{"day before a day change", []*geo.Change{newChange("a", "1992-09-04", arm), newChange("b", "2020-11-20", aze)}, "2020-11-19", arm, "a"},
		{"day of a day change", []*geo.Change{newChange("a", "1992-09-04", arm), newChange("b", "2020-11-20", aze)}, "2020-11-20", aze, "b"},
		{"month change on the 1st", []*geo.Change{newChange("a", "1992-01-01", arm), newChange("b", "1993-07", aze)}, "1993-07-01", aze, "b"},
		{"month change on the last day", []*geo.Change{newChange("a", "1992-01-01", arm), newChange("b", "1993-07", aze)}, "1993-07-31", aze, "b"},
		{"day before a month change", []*geo.Change{newChange("a", "1992-01-01", arm), newChange("b", "1993-07", aze)}, "1993-06-30", arm, "a"},
		{"year change on 1 January", []*geo.Change{newChange("a", "1992-01-01", arm), newChange("b", "1994", aze)}, "1994-01-01", aze, "b"},
		{"day before a year change", []*geo.Change{newChange("a", "1992-01-01", arm), newChange("b", "1994", aze)}, "1993-12-31", arm, "a"},
		{"day change inside a month change", []*geo.Change{newChange("a", "1993-07", arm), newChange("b", "1993-07-15", aze)}, "1993-07-14", arm, "a"},
		{"day change inside a year change", []*geo.Change{newChange("a", "1993", arm), newChange("b", "1993-03-02", aze)}, "1993-12-31", aze, "b"},
		{
			"same day: month beats year",
			[]*geo.Change{newChange("m", "1994-01", aze), newChange("y", "1994", arm, recordedAt(later))},
			"1994-01-01", aze, "m",
		},
		{
			"same day: day beats month",
			[]*geo.Change{newChange("d", "1994-01-01", aze), newChange("m", "1994-01", arm, recordedAt(later))},
			"1994-01-01", aze, "d",
		},
		{
			"same day: day beats year",
			[]*geo.Change{newChange("d", "1994-01-01", aze), newChange("y", "1994", arm, recordedAt(later))},
			"1994-06-01", aze, "d",
		},
		{
			"same day and precision: later record wins",
			[]*geo.Change{newChange("b", "1994-01-01", aze, recordedAt(later)), newChange("c", "1994-01-01", arm)},
			"1994-01-01", aze, "b",
		},
		{
			"same day, precision and record: greater id wins",
			[]*geo.Change{newChange("b", "1994-01-01", aze), newChange("a", "1994-01-01", arm)},
			"1994-01-01", aze, "b",
		},
		{
			"retracted change never counts",
			[]*geo.Change{newChange("a", "1992-09-04", arm), newChange("r", "1995-01-01", other, retracted), newChange("b", "2020-11-20", aze)},
			"1995-01-01", arm, "a",
		},
		{
			"change after a retracted one counts",
			[]*geo.Change{newChange("a", "1992-09-04", arm), newChange("r", "1995-01-01", other, retracted), newChange("b", "2020-11-20", aze)},
			"2020-11-20", aze, "b",
		},
		{
			"only change retracted",
			[]*geo.Change{newChange("r", "1995-01-01", other, retracted)},
			"1995-01-01", "", "",
		},
		{
			"retracted winner of a tie",
			[]*geo.Change{newChange("a", "1994-01-01", arm), newChange("b", "1994-01-01", aze, retracted)},
			"1994-01-01", arm, "a",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := geo.BuildTimeline(tt.changes).At(day(tt.day))
			if p.Controller != tt.want {
				t.Errorf("At(%s).Controller = %q, want %q", tt.day, p.Controller, tt.want)
			}
			if p.Known() != (tt.wantChange != "") {
				t.Errorf("At(%s).Known() = %v, want %v", tt.day, p.Known(), tt.wantChange != "")
			}
			if got := changeID(p); got != tt.wantChange {
				t.Errorf("At(%s).Change = %q, want %q", tt.day, got, tt.wantChange)
			}
			if !p.Contains(day(tt.day)) {
				t.Errorf("At(%s) = [%v, %v), which does not contain the day", tt.day, p.From, p.To)
			}
		})
	}
}

func changeID(p geo.Period) string {
	if p.Change == nil {
		return ""
	}
	return p.Change.ID
}

func TestTimelineStatus(t *testing.T) {
	tests := []geo.Status{geo.Confirmed, geo.Claimed, geo.Disputed}
	for _, status := range tests {
		t.Run(string(status), func(t *testing.T) {
			tl := geo.BuildTimeline([]*geo.Change{
				newChange("a", "1992-09-04", "armenian-forces"),
				newChange("b", "2020-11-20", "azerbaijan", withStatus(status)),
			})
			p := tl.At(day("2020-11-20"))
			if p.Controller != "azerbaijan" || p.Status != status {
				t.Errorf("At(2020-11-20) = %q, %q; want azerbaijan, %q", p.Controller, p.Status, status)
			}
			if p := tl.At(day("2020-11-19")); p.Status != geo.Confirmed {
				t.Errorf("At(2020-11-19).Status = %q, want confirmed", p.Status)
			}
		})
	}
}

func TestTimelineInputOrder(t *testing.T) {
	later := recorded.Add(time.Hour)
	changes := []*geo.Change{
		newChange("a", "1992-09-04", "armenian-forces"),
		newChange("y", "1994", "x"),
		newChange("m", "1994-01", "y"),
		newChange("d2", "1994-01-01", "z", recordedAt(later)),
		newChange("d1", "1994-01-01", "w", recordedAt(later)),
		newChange("d0", "1994-01-01", "v"),
		newChange("r", "1994-01-01", "retracted", recordedAt(later.Add(time.Hour)), retracted),
		newChange("b", "2020-11-20", "azerbaijan"),
	}
	want := periods(geo.BuildTimeline(changes))
	if got := want[2]; got.controller != "z" || got.change != "d2" {
		t.Fatalf("period after the 1994 tie = %+v, want z set by d2", got)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		shuffled := slices.Clone(changes)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := periods(geo.BuildTimeline(shuffled)); !slices.Equal(got, want) {
			t.Fatalf("shuffle %d: periods = %+v, want %+v", i, got, want)
		}
	}
}

type period struct {
	from, to   geo.Day
	controller string
	change     string
}

func periods(tl geo.Timeline) []period {
	out := make([]period, len(tl))
	for i, p := range tl {
		out[i] = period{p.From, p.To, p.Controller, changeID(p)}
	}
	return out
}

func TestTimelineBefore(t *testing.T) {
	tl := geo.BuildTimeline([]*geo.Change{
		newChange("a", "1992-09-04", "armenian-forces"),
		newChange("overtaken", "2020-11-20", "other"),
		newChange("r", "2000-01-01", "other", retracted),
		newChange("b", "2020-11-20", "azerbaijan", recordedAt(recorded.Add(time.Hour))),
	})
	tests := []struct {
		change     string
		wantOK     bool
		wantChange string // the change of the period before
		wantFrom   geo.Day
	}{
		{change: "a", wantOK: true, wantChange: "", wantFrom: geo.MinDay},
		{change: "b", wantOK: true, wantChange: "a", wantFrom: day("1992-09-04")},
		{change: "overtaken", wantOK: false},
		{change: "r", wantOK: false},
		{change: "missing", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			p, ok := tl.Before(tt.change)
			if ok != tt.wantOK {
				t.Fatalf("Before(%q) ok = %v, want %v", tt.change, ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if got := changeID(p); got != tt.wantChange || p.From != tt.wantFrom {
				t.Errorf("Before(%q) = period from %v set by %q, want from %v set by %q", tt.change, p.From, got, tt.wantFrom, tt.wantChange)
			}
		})
	}
}

func TestTimelinePreviousControllerOvertaken(t *testing.T) {
	tl := geo.BuildTimeline([]*geo.Change{
		newChange("a", "1992-09-04", "armenian-forces"),
		newChange("overtaken", "2020-11-20", "other"),
		newChange("r", "2000-01-01", "other", retracted),
		newChange("b", "2020-11-20", "azerbaijan", recordedAt(recorded.Add(time.Hour))),
	})
	tests := []struct {
		change, want string
		wantOK       bool
	}{
		{change: "a", want: "", wantOK: true},
		{change: "b", want: "armenian-forces", wantOK: true},
		{change: "overtaken", wantOK: false},
		{change: "r", wantOK: false},
		{change: "missing", wantOK: false},
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

func TestTimelineOvertakenLeavesNoPeriod(t *testing.T) {
	tl := geo.BuildTimeline([]*geo.Change{
		newChange("a", "1992-09-04", "armenian-forces"),
		newChange("b", "1992-09-04", "azerbaijan"),
	})
	for _, p := range tl {
		if changeID(p) == "a" {
			t.Errorf("overtaken change a sets period [%v, %v)", p.From, p.To)
		}
	}
	if len(tl) != 2 {
		t.Errorf("len(timeline) = %d, want 2 (unknown, then b)", len(tl))
	}
}

func TestTimelineCoverage(t *testing.T) {
	tests := []struct {
		name    string
		changes []*geo.Change
		want    int // periods
	}{
		{"empty", nil, 1},
		{"one change", []*geo.Change{newChange("a", "1992-09-04", "x")}, 2},
		{"only retracted", []*geo.Change{newChange("a", "1992-09-04", "x", retracted)}, 1},
		{"ties and precisions", []*geo.Change{
			newChange("a", "1992", "x"), newChange("b", "1992-01", "y"), newChange("c", "1992-01-01", "z"),
			newChange("d", "1992-09-04", "x"), newChange("e", "2020-11", "y"), newChange("f", "2020-11-20", "z"),
		}, 5},
		{"change before 1970", []*geo.Change{newChange("a", "1918-05-28", "x"), newChange("b", "1920-04", "y")}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := geo.BuildTimeline(tt.changes)
			if len(tl) != tt.want {
				t.Errorf("len = %d, want %d: %+v", len(tl), tt.want, periods(tl))
			}
			if tl[0].From != geo.MinDay || tl[len(tl)-1].To != geo.MaxDay {
				t.Errorf("timeline covers [%v, %v), want [MinDay, MaxDay)", tl[0].From, tl[len(tl)-1].To)
			}
			if tl[0].Known() {
				t.Errorf("first period is known: %+v", tl[0])
			}
			for i, p := range tl {
				if p.From >= p.To {
					t.Errorf("period %d is empty: [%v, %v)", i, p.From, p.To)
				}
				if i > 0 && tl[i-1].To != p.From {
					t.Errorf("gap or overlap between periods %d and %d: %v, %v", i-1, i, tl[i-1].To, p.From)
				}
				if i > 0 && !p.Known() {
					t.Errorf("period %d after a change is unknown", i)
				}
			}
		})
	}
}

func TestBuildTimelineKeepsInput(t *testing.T) {
	changes := []*geo.Change{newChange("b", "2020-11-20", "azerbaijan"), newChange("a", "1992-09-04", "armenian-forces")}
	geo.BuildTimeline(changes)
	if changes[0].ID != "b" || changes[1].ID != "a" {
		t.Errorf("BuildTimeline reordered its input: %s, %s", changes[0].ID, changes[1].ID)
	}
}
