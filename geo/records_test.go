package geo

import (
	"reflect"
	"testing"
	"time"
)

// TestRecordHoldsNoPointer: the collector skips arrays of records (and of the date order's refs)
// only while they have no pointer in them (a string, a slice, a pointer, a map...).
func TestRecordHoldsNoPointer(t *testing.T) {
	if path, ok := pointerIn(reflect.TypeFor[record](), "record"); ok {
		t.Errorf("%s holds a pointer: the index's million records would be scanned at every collection", path)
	}
	if path, ok := pointerIn(reflect.TypeFor[dateRef](), "dateRef"); ok {
		t.Errorf("%s holds a pointer: the date order's million refs would be scanned at every collection", path)
	}
}

// pointerIn returns the path of a field of t that holds a pointer.
func pointerIn(t reflect.Type, path string) (string, bool) {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if p, ok := pointerIn(f.Type, path+"."+f.Name); ok {
				return p, true
			}
		}
		return "", false
	case reflect.Array:
		return pointerIn(t.Elem(), path+"[]")
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "", false
	}
	return path + " (" + t.String() + ")", true
}

// TestRecordIDsAndRetractions: a change's id and retraction come back from its record, a
// replaced change keeps its id's place (edits do not grow the ids), and a view read before a
// write still reads the records it could see.
func TestRecordIDsAndRetractions(t *testing.T) {
	ix := NewIndex([]Actor{{ID: "a"}}, []Settlement{{ID: "s"}, {ID: "t"}}, []Change{
		{ID: "s-1", SettlementID: "s", Date: MustParseDate("1992-05-08"), Controller: "a", Kind: Capture},
	})
	before := ix.words.view()
	size := len(before.ids)
	retracted := &Retraction{At: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Reason: "wrong village"}
	ix.PutChange(Change{ID: "t-2", SettlementID: "t", Date: MustParseDate("1993"), Controller: "a", Kind: Capture})
	ix.PutChange(Change{ID: "s-1", SettlementID: "s", Date: MustParseDate("1992-05-09"), Controller: "a", Kind: Capture, Retracted: retracted})
	ix.PutChange(Change{ID: "t-2", SettlementID: "s", Date: MustParseDate("1993"), Controller: "a", Kind: Capture})
	if got, want := len(ix.words.view().ids), size+len("t-2"); got != want {
		t.Errorf("ids hold %d bytes after replacing and moving changes, want %d (one new id)", got, want)
	}
	if got := before.id(&ix.dense[0].changes[0]); got != "s-1" {
		t.Errorf("a view read before the writes reads id %q, want s-1", got)
	}
	for _, tc := range []struct {
		id        string
		owner     string
		retracted *Retraction
	}{{"s-1", "s", retracted}, {"t-2", "s", nil}} {
		c, ok := ix.Change(tc.id)
		if !ok || c.ID != tc.id || c.SettlementID != tc.owner || c.Retracted != tc.retracted {
			t.Errorf("Change(%s) = %+v, %v, want it in %s, retracted %v", tc.id, c, ok, tc.owner, tc.retracted)
		}
	}
	if e, _ := ix.Entry("t"); e.Len() != 0 {
		t.Errorf("t has %d changes after its change moved, want 0", e.Len())
	}
}
