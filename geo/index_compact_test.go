package geo_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// mixedDataset is n settlements with a random mix of changes: every kind, interval dates,
// retractions, shared days, changes recorded at different times. Changes come in random order.
func mixedDataset(seed uint64, n int) ([]geo.Actor, []geo.Settlement, []geo.Change) {
	rng := rand.New(rand.NewPCG(seed, 7))
	actors := []geo.Actor{{ID: aze}, {ID: arm}, {ID: "un"}}
	dates := []string{"1992", "1992-01", "1992-01-01", "1992-05", "2020-11-01", "1992-05-31", "1992-05-08", "1992-05-08/1992-06", "../1993-07-23", "1994-05-12",
		"2020-09-27/2020-11-10", "2020-11", "2020-11-20", "2021"}
	var settlements []geo.Settlement
	var changes []geo.Change
	for i := range n {
		id := "s" + strconv.Itoa(i)
		settlements = append(settlements, geo.Settlement{ID: id, Point: orb.Point{46 + rng.Float64(), 39 + rng.Float64()}})
		for j := range rng.IntN(8) {
			c := *newChange(id+"-"+strconv.Itoa(j), dates[rng.IntN(len(dates))], actors[rng.IntN(len(actors))].ID,
				recordedAt(recorded.Add(time.Duration(rng.IntN(1000))*time.Hour)))
			c.SettlementID = id
			c.Kind = geo.Kinds[rng.IntN(len(geo.Kinds))]
			c.Status = geo.Statuses[rng.IntN(len(geo.Statuses))]
			c.Sources = []geo.Source{{Title: "Report " + c.ID}}
			c.Note = "note " + c.ID
			if rng.IntN(6) == 0 {
				retracted(&c)
			}
			changes = append(changes, c)
		}
	}
	rng.Shuffle(len(changes), func(i, j int) { changes[i], changes[j] = changes[j], changes[i] })
	return actors, settlements, changes
}

// TestIndexCompactMatchesTimeline: the compact periods of every entry give what BuildTimeline
// gives from the entry's changes, whatever order the changes were loaded in, and what a write
// gives matches a fresh load of the same data.
func TestIndexCompactMatchesTimeline(t *testing.T) {
	for seed := range uint64(5) {
		actors, settlements, changes := mixedDataset(seed, 60)
		ix := geo.NewIndex(actors, settlements, slices.Clone(changes))
		checkTimelines(t, ix)

		edited := geo.NewIndex(actors, settlements, slices.Clone(changes[:len(changes)/2]))
		edited.Changes(geo.MinDay, geo.MinDay) // builds the date order, which the edits then update
		for _, c := range changes[len(changes)/2:] {
			edited.PutChange(c)
		}
		checkTimelines(t, edited)
		for _, e := range ix.Entries(nil) {
			f, _ := edited.Entry(e.Settlement.ID)
			if !reflect.DeepEqual(e.Timeline(), f.Timeline()) {
				t.Fatalf("seed %d: %s: loaded and edited timelines differ:\n%v\n%v", seed, e.Settlement.ID, e.Timeline(), f.Timeline())
			}
		}
		if got, want := ids(edited.Changes(geo.MinDay, geo.MaxDay), changeIDOf), ids(ix.Changes(geo.MinDay, geo.MaxDay), changeIDOf); !slices.Equal(got, want) {
			t.Errorf("seed %d: date order after edits = %v, want %v", seed, got, want)
		}
	}
}

func checkTimelines(t *testing.T, ix *geo.Index) {
	t.Helper()
	var tl geo.Timeline // reused from one entry to the next, as a tile does
	var slab []geo.Change
	for _, e := range ix.Entries(nil) {
		changes := e.Changes()
		if !slices.IsSortedFunc(changes, geo.CompareChanges) {
			t.Fatalf("%s: changes not in timeline order", e.Settlement.ID)
		}
		want := geo.BuildTimeline(changes)
		got := e.Timeline()
		if e.NumPeriods() != len(want) || e.Len() != len(changes) {
			t.Fatalf("%s: NumPeriods %d, Len %d, want %d and %d", e.Settlement.ID, e.NumPeriods(), e.Len(), len(want), len(changes))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: Timeline() = %v, want %v", e.Settlement.ID, got, want)
		}
		if tl, slab = e.TimelineInto(tl, slab); !reflect.DeepEqual(tl, want) {
			t.Fatalf("%s: TimelineInto = %v, want %v", e.Settlement.ID, tl, want)
		}
		for _, p := range want {
			if at := e.At(p.From); !reflect.DeepEqual(at, p) {
				t.Fatalf("%s: At(%v) = %+v, want %+v", e.Settlement.ID, p.From, at, p)
			}
		}
	}
}

// TestIndexMovesChange: a change given again with another settlement leaves the first one,
// and Change finds it in its new place.
func TestIndexMovesChange(t *testing.T) {
	ix := newTestIndex(t)
	c, _ := ix.Change("abdal-2020")
	moved := *c
	moved.SettlementID = "aghdam"
	moved.ID = "abdal-2020"
	ix.PutChange(moved)
	abdal, _ := ix.Entry("abdal-gulabli")
	if got := ids(abdal.Changes(), changeIDOf); slices.Contains(got, "abdal-2020") {
		t.Errorf("abdal-gulabli still has the moved change: %v", got)
	}
	if got, ok := ix.Change("abdal-2020"); !ok || got.SettlementID != "aghdam" {
		t.Errorf("Change(abdal-2020) = %+v, %v, want it in aghdam", got, ok)
	}
	if n := len(ix.Changes(geo.MinDay, geo.MaxDay)); n != 7 {
		t.Errorf("%d changes in date order, want 7 (one moved, one retracted)", n)
	}
}

// TestIndexFillDetails: without a DetailsFunc the index keeps notes and sources and fills them
// in; with one, it asks it for the ids of the changes given.
func TestIndexFillDetails(t *testing.T) {
	actors, settlements, changes := mixedDataset(1, 5)
	ix := geo.NewIndex(actors, settlements, slices.Clone(changes))
	c, _ := ix.Change(changes[0].ID)
	if c.Note != "" || c.Sources != nil {
		t.Fatalf("Change() = %+v, want no note and no sources", c)
	}
	if err := ix.FillDetails([]*geo.Change{c, nil}); err != nil {
		t.Fatal(err)
	}
	if c.Note != changes[0].Note || !reflect.DeepEqual(c.Sources, changes[0].Sources) {
		t.Errorf("after FillDetails: %q %v, want %q %v", c.Note, c.Sources, changes[0].Note, changes[0].Sources)
	}

	var asked []string
	ix.SetDetails(func(ids []string, notes bool) (map[string]geo.Details, error) {
		asked = append(asked, ids...)
		return map[string]geo.Details{ids[0]: {Note: "from the database", Sources: []geo.Source{{Title: "T"}}}}, nil
	})
	ix.Reset(actors, settlements, slices.Clone(changes))
	c, _ = ix.Change(changes[0].ID)
	if err := ix.FillSources([]*geo.Change{c}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(asked, []string{changes[0].ID}) || c.Note != "" || len(c.Sources) != 1 {
		t.Errorf("FillSources asked %v and gave %q %v, want one source and no note", asked, c.Note, c.Sources)
	}
}

// TestIndexMerge: a merged batch gives what a fresh index of the merged data gives, in one
// new version.
func TestIndexMerge(t *testing.T) {
	actors, settlements, changes := mixedDataset(3, 40)
	var first, rest []geo.Change // first: half of the changes of the first 30 settlements
	for i, c := range changes {
		if n, _ := strconv.Atoi(c.SettlementID[1:]); n < 30 && i%2 == 0 {
			first = append(first, c)
		} else {
			rest = append(rest, c)
		}
	}
	ix := geo.NewIndex(actors, settlements[:30], slices.Clone(first))
	var batch geo.Batch
	batch.Actors = []geo.Actor{{ID: "osce"}}
	batch.Settlements = slices.Clone(settlements[30:])
	batch.Settlements[0].Names.En = "Renamed"
	batch.Changes = slices.Clone(rest)
	rewritten := first[0]
	rewritten.Controller = "osce"
	batch.Changes = append(batch.Changes, rewritten)
	v := ix.Version()
	ix.Merge(batch)
	if got := ix.Version(); got != v+1 {
		t.Errorf("version %d -> %d, want one step", v, got)
	}
	all := append(append(slices.Clone(first[1:]), rest...), rewritten)
	want := geo.NewIndex(append(actors, geo.Actor{ID: "osce"}), append(slices.Clone(settlements[:30]), batch.Settlements...), all)
	if got, want := ids(ix.Entries(nil), entryID), ids(want.Entries(nil), entryID); !slices.Equal(got, want) {
		t.Fatalf("entries %v, want %v", got, want)
	}
	for _, e := range want.Entries(nil) {
		got, _ := ix.Entry(e.Settlement.ID)
		if !reflect.DeepEqual(got.Timeline(), e.Timeline()) || !reflect.DeepEqual(got.Changes(), e.Changes()) || *got.Settlement != *e.Settlement {
			t.Fatalf("%s after Merge differs from a fresh index", e.Settlement.ID)
		}
	}
	if c, ok := ix.Change(rewritten.ID); !ok || c.Controller != "osce" {
		t.Errorf("Change(%s) = %+v, want the rewritten one", rewritten.ID, c)
	}
	if _, ok := ix.Actor("osce"); !ok {
		t.Error("the batch's actor is missing")
	}
	checkTimelines(t, ix)
}

// TestIndexLargeMatchesTimeline: an index large enough to be built and read on several
// goroutines gives the same timelines, and its snapshots the same periods as At.
func TestIndexLargeMatchesTimeline(t *testing.T) {
	if testing.Short() {
		t.Skip("33,000 settlements")
	}
	actors, settlements, changes := mixedDataset(9, 33_000)
	ix := geo.NewIndex(actors, settlements, changes)
	checkTimelines(t, ix)
	for _, date := range []string{"1991-12-31", "1992-05-08", "2020-11-10", "2024-01-01"} {
		d := day(date)
		states := ix.Snapshot(d, nil)
		entries := ix.Entries(nil)
		if len(states) != len(entries) {
			t.Fatalf("%s: %d states for %d settlements", date, len(states), len(entries))
		}
		for i, st := range states {
			if st.Entry != entries[i] || !reflect.DeepEqual(st.Period, entries[i].At(d)) {
				t.Fatalf("%s: state %d (%s) = %+v, want %+v", date, i, st.Settlement.ID, st.Period, entries[i].At(d))
			}
		}
	}
}
