package geo_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

const (
	arm = "armenian-forces"
	aze = "azerbaijan"
)

// west holds abdal-gulabli and aghdam but not shusha.
var west = orb.Bound{Min: orb.Point{46.8, 39.8}, Max: orb.Point{47.2, 40.1}}

// newTestIndex returns an index of three settlements, two actors and seven changes, one of
// them retracted.
func newTestIndex(t testing.TB) *geo.Index {
	t.Helper()
	actors := []geo.Actor{
		{ID: aze, Names: geo.Names{En: "Azerbaijan"}, Color: "#00b5e2"},
		{ID: arm, Names: geo.Names{En: "Armenian forces"}, Color: "#d90012"},
	}
	settlements := []geo.Settlement{
		{ID: "shusha", Names: geo.Names{En: "Shusha"}, Point: orb.Point{46.75, 39.76}, Place: geo.Town},
		{ID: "abdal-gulabli", Names: geo.Names{En: "Abdal-Gulabli"}, Point: orb.Point{47.02, 39.95}, Place: geo.Village},
		{ID: "aghdam", Names: geo.Names{En: "Aghdam"}, Point: orb.Point{46.93, 39.99}, Place: geo.Town},
	}
	in := func(settlement string, c *geo.Change) geo.Change {
		c.SettlementID = settlement
		return *c
	}
	changes := []geo.Change{
		in("shusha", newChange("shusha-2020", "2020-11-08", aze, withStatus(geo.Claimed))),
		in("abdal-gulabli", newChange("abdal-1992", "1992-09-04", arm)),
		in("abdal-gulabli", newChange("abdal-2020", "2020-11-20", aze)),
		in("aghdam", newChange("aghdam-1993", "1993-07-23", arm)),
		in("aghdam", newChange("aghdam-2020", "2020-11-20", aze)),
		in("shusha", newChange("shusha-1992", "1992-05-08", arm)),
		in("shusha", newChange("shusha-2000", "2000", aze, retracted)),
		in("shusha", newChange("shusha-2021", "2021", aze)),
	}
	return geo.NewIndex(actors, settlements, changes)
}

// controllers returns settlement id -> controller ("" when unknown) for states.
func controllers(states []geo.State) map[string]string {
	out := map[string]string{}
	for _, s := range states {
		out[s.Settlement.ID] = s.Period.Controller
	}
	return out
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func stateID(s geo.State) string            { return s.Settlement.ID }
func entryID(e *geo.Entry) string           { return e.Settlement.ID }
func diffID(d geo.Difference) string        { return d.Settlement.ID }
func changeIDOf(c *geo.Change) string       { return c.ID }
func actorID(a *geo.Actor) string           { return a.ID }
func mapsEqual(a, b map[string]string) bool { return len(a) == len(b) && equalIn(a, b) }

func equalIn(a, b map[string]string) bool {
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestIndexSnapshot(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		day   string
		bound *orb.Bound
		want  map[string]string
	}{
		{"1992-01-01", nil, map[string]string{"abdal-gulabli": "", "aghdam": "", "shusha": ""}},
		{"1992-05-08", nil, map[string]string{"abdal-gulabli": "", "aghdam": "", "shusha": arm}},
		{"1992-09-04", nil, map[string]string{"abdal-gulabli": arm, "aghdam": "", "shusha": arm}},
		{"2000-06-01", nil, map[string]string{"abdal-gulabli": arm, "aghdam": arm, "shusha": arm}},
		{"2020-11-19", nil, map[string]string{"abdal-gulabli": arm, "aghdam": arm, "shusha": aze}},
		{"2020-11-20", nil, map[string]string{"abdal-gulabli": aze, "aghdam": aze, "shusha": aze}},
		{"2020-11-20", &west, map[string]string{"abdal-gulabli": aze, "aghdam": aze}},
		{"1992-09-04", &west, map[string]string{"abdal-gulabli": arm, "aghdam": ""}},
		{"1992-09-04", &orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, map[string]string{}},
	}
	for _, tt := range tests {
		name := tt.day
		if tt.bound != nil {
			name += "/bound"
		}
		t.Run(name, func(t *testing.T) {
			states := ix.Snapshot(day(tt.day), tt.bound)
			if got := controllers(states); !mapsEqual(got, tt.want) {
				t.Errorf("Snapshot(%s) = %v, want %v", tt.day, got, tt.want)
			}
			got := ids(states, stateID)
			if !slices.IsSorted(got) || len(got) != len(tt.want) {
				t.Errorf("Snapshot(%s) ids = %v, want %d sorted ids", tt.day, got, len(tt.want))
			}
			for _, s := range states {
				if !s.Period.Contains(day(tt.day)) {
					t.Errorf("%s: period [%v, %v) does not contain %s", s.Settlement.ID, s.Period.From, s.Period.To, tt.day)
				}
			}
		})
	}
}

func TestIndexSnapshotStatus(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		day  string
		want geo.Status
	}{
		{"1992-01-01", ""},
		{"1992-05-08", geo.Confirmed},
		{"2020-11-08", geo.Claimed},
		{"2021-01-01", geo.Confirmed},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			states := ix.Snapshot(day(tt.day), nil)
			i := slices.IndexFunc(states, func(s geo.State) bool { return s.Settlement.ID == "shusha" })
			if i < 0 {
				t.Fatal("shusha missing from the snapshot")
			}
			if got := states[i].Period.Status; got != tt.want {
				t.Errorf("shusha on %s: status %q, want %q", tt.day, got, tt.want)
			}
		})
	}
}

func TestIndexEntries(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name  string
		bound *orb.Bound
		want  []string
	}{
		{"all", nil, []string{"abdal-gulabli", "aghdam", "shusha"}},
		{"west", &west, []string{"abdal-gulabli", "aghdam"}},
		{"one point", &orb.Bound{Min: orb.Point{46.75, 39.76}, Max: orb.Point{46.75, 39.76}}, []string{"shusha"}},
		{"world", &orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, []string{"abdal-gulabli", "aghdam", "shusha"}},
		{"empty", &orb.Bound{Min: orb.Point{10, 10}, Max: orb.Point{11, 11}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(ix.Entries(tt.bound), entryID); !slices.Equal(got, tt.want) {
				t.Errorf("Entries = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIndexEntry(t *testing.T) {
	ix := newTestIndex(t)
	e, ok := ix.Entry("shusha")
	if !ok {
		t.Fatal("Entry(shusha) not found")
	}
	wantChanges := []string{"shusha-1992", "shusha-2000", "shusha-2020", "shusha-2021"}
	if got := ids(e.Changes(), changeIDOf); !slices.Equal(got, wantChanges) {
		t.Errorf("Entry(shusha).Changes = %v, want %v (retracted kept, in timeline order)", got, wantChanges)
	}
	if _, ok := ix.Entry("stepanakert"); ok {
		t.Error("Entry(stepanakert) found, want not found")
	}
	if got := ids(ix.Actors(), actorID); !slices.Equal(got, []string{arm, aze}) {
		t.Errorf("Actors() = %v, want [%s %s]", got, arm, aze)
	}
	if a, ok := ix.Actor(aze); !ok || a.Color != "#00b5e2" {
		t.Errorf("Actor(%s) = %+v, %v", aze, a, ok)
	}
}

func TestIndexDiff(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name     string
		from, to string
		bound    *orb.Bound
		want     []string
	}{
		{"first captures", "1992-01-01", "1992-09-04", nil, []string{"abdal-gulabli", "shusha"}},
		{"first captures in bound", "1992-01-01", "1992-09-04", &west, []string{"abdal-gulabli"}},
		{"handovers", "2020-11-19", "2020-11-20", nil, []string{"abdal-gulabli", "aghdam"}},
		{"status only", "2020-11-08", "2021-06-01", nil, []string{"abdal-gulabli", "aghdam"}},
		{"retracted change", "1999-12-31", "2000-01-01", nil, nil},
		{"same day", "2020-11-20", "2020-11-20", nil, nil},
		{"backwards", "2020-11-20", "2020-11-19", nil, []string{"abdal-gulabli", "aghdam"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diffs := ix.Diff(day(tt.from), day(tt.to), tt.bound)
			if got := ids(diffs, diffID); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("Diff(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
			for _, d := range diffs {
				if !d.Before.Contains(day(tt.from)) || !d.After.Contains(day(tt.to)) {
					t.Errorf("%s: before [%v, %v), after [%v, %v): want them to contain %s and %s",
						d.Settlement.ID, d.Before.From, d.Before.To, d.After.From, d.After.To, tt.from, tt.to)
				}
				if d.Before.Controller == d.After.Controller {
					t.Errorf("%s: same controller %q before and after", d.Settlement.ID, d.Before.Controller)
				}
			}
		})
	}
}

func TestIndexDiffPeriods(t *testing.T) {
	ix := newTestIndex(t)
	diffs := ix.Diff(day("2020-11-19"), day("2020-11-20"), nil)
	if len(diffs) == 0 || diffs[0].Settlement.ID != "abdal-gulabli" {
		t.Fatalf("Diff = %v, want abdal-gulabli first", ids(diffs, diffID))
	}
	d := diffs[0]
	if changeID(d.Before) != "abdal-1992" || changeID(d.After) != "abdal-2020" {
		t.Errorf("abdal-gulabli: before set by %q, after by %q; want abdal-1992, abdal-2020", changeID(d.Before), changeID(d.After))
	}
	if d.Before.To != day("2020-11-20") || d.After.From != day("2020-11-20") {
		t.Errorf("abdal-gulabli: before ends %v, after starts %v; want both 2020-11-20", d.Before.To, d.After.From)
	}
}

func TestIndexChanges(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name     string
		from, to geo.Day
		want     []string
	}{
		{"all", geo.MinDay, geo.MaxDay, []string{"shusha-1992", "abdal-1992", "aghdam-1993", "shusha-2020", "abdal-2020", "aghdam-2020", "shusha-2021"}},
		{"both ends included", day("1992-09-04"), day("2020-11-08"), []string{"abdal-1992", "aghdam-1993", "shusha-2020"}},
		{"one day", day("2020-11-20"), day("2020-11-20"), []string{"abdal-2020", "aghdam-2020"}},
		{"retracted left out", day("2000-01-01"), day("2000-12-31"), []string{}},
		{"year change by its first day", day("2021-01-01"), day("2021-01-01"), []string{"shusha-2021"}},
		{"year change not by its later days", day("2021-01-02"), geo.MaxDay, []string{}},
		{"nothing before", geo.MinDay, day("1992-05-07"), []string{}},
		{"from after to", day("2021-01-01"), day("1992-01-01"), []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(ix.Changes(tt.from, tt.to), changeIDOf); !slices.Equal(got, tt.want) {
				t.Errorf("Changes(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestIndexDateCounts(t *testing.T) {
	ix := newTestIndex(t)
	want := []geo.DateCount{
		{Day: day("1992-05-08"), Count: 1},
		{Day: day("1992-09-04"), Count: 1},
		{Day: day("1993-07-23"), Count: 1},
		{Day: day("2020-11-08"), Count: 1},
		{Day: day("2020-11-20"), Count: 2},
		{Day: day("2021-01-01"), Count: 1},
	}
	if got := ix.DateCounts(); !slices.Equal(got, want) {
		t.Errorf("DateCounts() = %v, want %v", got, want)
	}
}

func TestIndexPutChange(t *testing.T) {
	abdal := func(id, date, controller string, opts ...func(*geo.Change)) geo.Change {
		return *newChange(id, date, controller, opts...)
	}
	tests := []struct {
		name        string
		put         geo.Change
		day         string
		want        map[string]string // controllers on day
		wantChanges []string          // Changes(MinDay, MaxDay) of abdal-gulabli and aghdam
		wantHistory []string          // abdal-gulabli's Entry.Changes
	}{
		{
			name:        "new change",
			put:         abdal("abdal-1994", "1994-04", aze, withStatus(geo.Disputed)),
			day:         "1994-04-15",
			want:        map[string]string{"abdal-gulabli": aze, "aghdam": arm, "shusha": arm},
			wantChanges: []string{"abdal-1992", "aghdam-1993", "abdal-1994", "abdal-2020", "aghdam-2020"},
			wantHistory: []string{"abdal-1992", "abdal-1994", "abdal-2020"},
		},
		{
			name:        "new date",
			put:         abdal("abdal-2020", "2020-12-01", aze),
			day:         "2020-11-25",
			want:        map[string]string{"abdal-gulabli": arm, "aghdam": aze, "shusha": aze},
			wantChanges: []string{"abdal-1992", "aghdam-1993", "aghdam-2020", "abdal-2020"},
			wantHistory: []string{"abdal-1992", "abdal-2020"},
		},
		{
			name:        "new controller",
			put:         abdal("abdal-1992", "1992-09-04", "other"),
			day:         "1992-09-04",
			want:        map[string]string{"abdal-gulabli": "other", "aghdam": "", "shusha": arm},
			wantChanges: []string{"abdal-1992", "aghdam-1993", "abdal-2020", "aghdam-2020"},
			wantHistory: []string{"abdal-1992", "abdal-2020"},
		},
		{
			name:        "retraction",
			put:         abdal("abdal-2020", "2020-11-20", aze, retracted),
			day:         "2021-06-01",
			want:        map[string]string{"abdal-gulabli": arm, "aghdam": aze, "shusha": aze},
			wantChanges: []string{"abdal-1992", "aghdam-1993", "aghdam-2020"},
			wantHistory: []string{"abdal-1992", "abdal-2020"},
		},
		{
			name: "moved to another settlement",
			put: func() geo.Change {
				c := abdal("abdal-2020", "2020-11-21", arm)
				c.SettlementID = "aghdam"
				return c
			}(),
			day:         "2021-06-01",
			want:        map[string]string{"abdal-gulabli": arm, "aghdam": arm, "shusha": aze},
			wantChanges: []string{"abdal-1992", "aghdam-1993", "aghdam-2020", "abdal-2020"},
			wantHistory: []string{"abdal-1992"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := newTestIndex(t)
			v := ix.Version()
			before := ix.Snapshot(day(tt.day), nil)
			ix.PutChange(tt.put)
			if got := ix.Version(); got <= v {
				t.Errorf("Version() = %d after PutChange, want more than %d", got, v)
			}
			if got := controllers(ix.Snapshot(day(tt.day), nil)); !mapsEqual(got, tt.want) {
				t.Errorf("Snapshot(%s) = %v, want %v", tt.day, got, tt.want)
			}
			if got := controllers(ix.Snapshot(day(tt.day), &west)); !equalIn(got, tt.want) || len(got) != 2 {
				t.Errorf("Snapshot(%s, west) = %v, want abdal-gulabli and aghdam of %v", tt.day, got, tt.want)
			}
			var got []string
			for _, c := range ix.Changes(geo.MinDay, geo.MaxDay) {
				if c.SettlementID != "shusha" {
					got = append(got, c.ID)
				}
			}
			if !slices.Equal(got, tt.wantChanges) {
				t.Errorf("Changes = %v, want %v", got, tt.wantChanges)
			}
			e, _ := ix.Entry("abdal-gulabli")
			if got := ids(e.Changes(), changeIDOf); !slices.Equal(got, tt.wantHistory) {
				t.Errorf("Entry(abdal-gulabli).Changes = %v, want %v", got, tt.wantHistory)
			}
			if got := controllers(before); mapsEqual(got, tt.want) {
				t.Errorf("snapshot taken before PutChange changed to %v: values handed out must not change", got)
			}
		})
	}
}

func TestIndexPutChangeTwice(t *testing.T) {
	ix := newTestIndex(t)
	c := *newChange("abdal-1994", "1994-04", aze)
	ix.PutChange(c)
	ix.PutChange(c)
	e, _ := ix.Entry("abdal-gulabli")
	if got := ids(e.Changes(), changeIDOf); !slices.Equal(got, []string{"abdal-1992", "abdal-1994", "abdal-2020"}) {
		t.Errorf("Entry(abdal-gulabli).Changes = %v, want abdal-1994 once", got)
	}
	if got := len(ix.Changes(day("1994-04-01"), day("1994-04-01"))); got != 1 {
		t.Errorf("Changes on 1994-04-01: %d, want 1", got)
	}
}

func TestIndexPutSettlement(t *testing.T) {
	ix := newTestIndex(t)
	v := ix.Version()
	ix.PutSettlement(geo.Settlement{ID: "shusha", Names: geo.Names{En: "Shusha", Az: "Şuşa"}, Point: orb.Point{47.0, 40.0}, Place: geo.City})
	ix.PutSettlement(geo.Settlement{ID: "abdal-gulabli", Names: geo.Names{En: "Abdal-Gulabli"}, Point: orb.Point{46.6, 39.7}})
	ix.PutSettlement(geo.Settlement{ID: "khojaly", Names: geo.Names{En: "Khojaly"}, Point: orb.Point{46.85, 39.91}})
	if got := ix.Version(); got < v+3 {
		t.Errorf("Version() = %d after three writes, want at least %d", got, v+3)
	}
	if got, want := ids(ix.Entries(&west), entryID), []string{"aghdam", "khojaly", "shusha"}; !slices.Equal(got, want) {
		t.Errorf("Entries(west) = %v, want %v", got, want)
	}
	if got, want := ids(ix.Entries(nil), entryID), []string{"abdal-gulabli", "aghdam", "khojaly", "shusha"}; !slices.Equal(got, want) {
		t.Errorf("Entries(nil) = %v, want %v", got, want)
	}
	want := map[string]string{"abdal-gulabli": arm, "aghdam": arm, "khojaly": "", "shusha": aze}
	if got := controllers(ix.Snapshot(day("2020-11-19"), nil)); !mapsEqual(got, want) {
		t.Errorf("Snapshot(2020-11-19) = %v, want %v", got, want)
	}
	e, _ := ix.Entry("shusha")
	if e.Settlement.Place != geo.City || e.Len() != 4 {
		t.Errorf("Entry(shusha) = %+v with %d changes, want a city with its 4 changes", e.Settlement, e.Len())
	}
	ix.PutChange(geo.Change{ID: "khojaly-1992", SettlementID: "khojaly", Date: geo.MustParseDate("1992-02-26"), Controller: arm})
	if got := controllers(ix.Snapshot(day("1992-03-01"), &west))["khojaly"]; got != arm {
		t.Errorf("khojaly on 1992-03-01 = %q, want %q", got, arm)
	}
}

// Settlements may share a point (duplicates in a gazetteer, rounded coordinates): a write to one
// must not drop or duplicate the other in bound queries.
func TestIndexSharedPoint(t *testing.T) {
	p := orb.Point{46.9, 39.9}
	ix := geo.NewIndex(nil, []geo.Settlement{
		{ID: "a", Names: geo.Names{En: "A"}, Point: p},
		{ID: "b", Names: geo.Names{En: "B"}, Point: p},
		{ID: "c", Names: geo.Names{En: "C"}, Point: p},
	}, nil)
	for _, id := range []string{"a", "b", "c"} {
		c := *newChange(id+"-1", "1992-09-04", arm)
		c.SettlementID = id
		ix.PutChange(c)
		ix.PutSettlement(geo.Settlement{ID: id, Names: geo.Names{En: "renamed"}, Point: p})
	}
	want := map[string]string{"a": arm, "b": arm, "c": arm}
	states := ix.Snapshot(day("1992-09-04"), &west)
	if got := ids(states, stateID); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Snapshot(west) ids = %v, want [a b c]", got)
	}
	if got := controllers(states); !mapsEqual(got, want) {
		t.Errorf("Snapshot(west) = %v, want %v", got, want)
	}
}

func TestIndexConcurrentReadsAndWrites(t *testing.T) {
	ix := newTestIndex(t)
	const writes = 200
	d := day("2020-11-20")
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Go(func() {
		defer close(done)
		for i := range writes {
			c := *newChange("abdal-2020", "2020-11-20", aze, recordedAt(recorded.Add(time.Duration(i)*time.Second)))
			if i%2 == 1 {
				c.Retracted = &geo.Retraction{At: recorded}
			}
			ix.PutChange(c)
		}
	})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				checkSnapshot(t, ix, d)
			}
		})
	}
	wg.Wait()
	if got := controllers(ix.Snapshot(d, nil))["abdal-gulabli"]; got != arm {
		t.Errorf("after the last write (a retraction) abdal-gulabli = %q, want %q", got, arm)
	}
}

// checkSnapshot checks what holds whichever write a reader sees; it may run in any goroutine.
func checkSnapshot(t *testing.T, ix *geo.Index, d geo.Day) {
	states := ix.Snapshot(d, nil)
	if len(states) != 3 {
		t.Errorf("Snapshot: %d settlements, want 3", len(states))
		return
	}
	for _, s := range states {
		if !s.Period.Contains(d) {
			t.Errorf("%s: period [%v, %v) does not contain %v", s.Settlement.ID, s.Period.From, s.Period.To, d)
		}
	}
	if got := controllers(states)["abdal-gulabli"]; got != arm && got != aze {
		t.Errorf("abdal-gulabli = %q, want %q or %q", got, arm, aze)
	}
	if n := len(ix.Entries(&west)); n != 2 {
		t.Errorf("Entries(west): %d settlements, want 2", n)
	}
	if n := len(ix.Changes(d, d)); n != 1 && n != 2 {
		t.Errorf("Changes on %v: %d, want 1 or 2", d, n)
	}
}

func TestIndexChange(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		id       string
		wantOK   bool
		wantDate string
	}{
		{"abdal-2020", true, "2020-11-20"},
		{"shusha-2000", true, "2000"},
		{"missing", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c, ok := ix.Change(tt.id)
			if ok != tt.wantOK {
				t.Fatalf("Change(%q) ok = %v, want %v", tt.id, ok, tt.wantOK)
			}
			if ok && (c.ID != tt.id || c.Date.String() != tt.wantDate) {
				t.Errorf("Change(%q) = %s of %s, want %s", tt.id, c.ID, c.Date, tt.wantDate)
			}
		})
	}
}

func TestIndexReset(t *testing.T) {
	ix := newTestIndex(t)
	v := ix.Version()
	old := ix.Snapshot(day("2021-01-01"), nil)
	c := *newChange("khojaly-1992", "1992-02-26", arm)
	c.SettlementID = "khojaly"
	ix.Reset(nil, []geo.Settlement{{ID: "khojaly", Names: geo.Names{En: "Khojaly"}, Point: orb.Point{46.85, 39.91}}}, []geo.Change{c})
	if got := ix.Version(); got <= v {
		t.Errorf("Version() = %d after Reset, want more than %d", got, v)
	}
	if got, want := controllers(ix.Snapshot(day("2021-01-01"), &west)), map[string]string{"khojaly": arm}; !mapsEqual(got, want) {
		t.Errorf("Snapshot after Reset = %v, want %v", got, want)
	}
	if got := ids(ix.Changes(geo.MinDay, geo.MaxDay), changeIDOf); !slices.Equal(got, []string{"khojaly-1992"}) {
		t.Errorf("Changes after Reset = %v, want [khojaly-1992]", got)
	}
	if _, ok := ix.Change("abdal-2020"); ok {
		t.Error("Change(abdal-2020) found after Reset")
	}
	if len(ix.Actors()) != 0 {
		t.Errorf("Actors() after Reset = %v, want none", ids(ix.Actors(), actorID))
	}
	if len(old) != 3 {
		t.Errorf("snapshot taken before Reset changed to %d states", len(old))
	}
}

// TestEntriesBoundPaths checks that a small bound (answered by the quadtree) and a large one
// (answered by a scan in id order) both give exactly the settlements inside, in id order.
func TestEntriesBoundPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var settlements []geo.Settlement
	for i := range 2000 {
		settlements = append(settlements, geo.Settlement{ID: fmt.Sprintf("s%04d", (i*7919)%2000), Names: geo.Names{En: "x"},
			Point: orb.Point{44.5 + 3*r.Float64(), 38.5 + 2.5*r.Float64()}})
	}
	ix := geo.NewIndex(nil, settlements, nil)
	for _, b := range []orb.Bound{
		{Min: orb.Point{45, 39}, Max: orb.Point{45.2, 39.2}}, // small: quadtree
		{Min: orb.Point{44, 38}, Max: orb.Point{46.5, 40.5}}, // most of the extent: scan
		{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, // everything
		{Min: orb.Point{10, 10}, Max: orb.Point{11, 11}},     // nothing
	} {
		var want []string
		for _, e := range ix.Entries(nil) {
			if b.Contains(e.Settlement.Point) {
				want = append(want, e.Settlement.ID)
			}
		}
		var got []string
		for _, e := range ix.Entries(&b) {
			got = append(got, e.Settlement.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Entries(%v): %d settlements, want %d in id order", b, len(got), len(want))
		}
	}
}
