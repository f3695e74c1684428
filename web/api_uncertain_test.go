package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
)

// uncertainChanges adds to the fixture an interval, a counter-claim, a confirmation of the
// controller in force and an "on or before" date.
const uncertainChanges = `id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note
aghdam-2020,aghdam,2020-09-27/2020-11-10,azerbaijan,handover,confirmed,Statement,,,,
aghdam-2020-denied,aghdam,2020-11-12,armenian-forces,counter-claim,claimed,Denial,,,,
aghdam-2020-confirmed,aghdam,2020-11-20,azerbaijan,confirmation,confirmed,Report,,,,
abdal-gulabli-1994,abdal-gulabli,../1994-05-12,armenian-forces,confirmation,confirmed,Report,,,,
`

func newUncertainServer(t *testing.T) http.Handler {
	t.Helper()
	h, st := newFixtureServer(t)
	datatest.MustImport(t, st, data.ImportChanges, "uncertain.csv", uncertainChanges)
	return h
}

func TestAPIUncertainGolden(t *testing.T) {
	h := newUncertainServer(t)
	tests := []struct{ name, target string }{
		{"uncertain-aghdam-2020-10-01.geojson", "/api/collections/settlements/items/aghdam?datetime=2020-10-01"},
		{"uncertain-diff.geojson", "/api/diff?from=2020-09-26&to=2020-10-01"},
	}
	assertGoldens(t, h, tests)
}

func TestAPIUncertain(t *testing.T) {
	h := newUncertainServer(t)
	tests := []struct {
		target string
		want   []string
	}{
		{"/api/collections/settlements/items/aghdam?datetime=2020-10-01", []string{
			`"controller":null`, `"changing":{"change_id":"aghdam-2020"`, `"previous":{"color":"#D55E00","id":"armenian-forces"`, `"until":"2020-11-10"`,
		}},
		{"/api/collections/settlements/items/aghdam?datetime=2020-11-15", []string{
			`"controller":{"color":"#0072B2","id":"azerbaijan"`, `"status":"disputed"`, `"disputed_by":{"color":"#D55E00","id":"armenian-forces"`, `"controlled_since":"2020-09-27/2020-11-10"`,
		}},
		{"/api/collections/settlements/items/aghdam?datetime=2020-11-20", []string{
			`"status":"confirmed"`, `"controlled_since":"2020-09-27/2020-11-10"`, `"change_id":"aghdam-2020"`,
		}},
		// Confirmed by the same side: no change of hands, so no "previous".
		{"/api/collections/changes/items/aghdam-2020-confirmed", []string{`"kind":"confirmation"`, `"previous":null`, `"day":18586`}},
		{"/api/collections/changes/items/aghdam-2020", []string{`"date":"2020-09-27/2020-11-10"`, `"day":18576`, `"earliest":18532`, `"previous":{"color":"#D55E00","id":"armenian-forces"`}},
		{"/api/collections/changes/items/abdal-gulabli-1994", []string{`"date":"../1994-05-12"`, `"earliest":null`, `"previous":null`}},
		// Counted from the end of the interval: not yet on 9 Nov.
		{"/api/collections/changes/items?datetime=2020-11-01/2020-11-09", []string{`"numberMatched":0`}},
		{"/api/diff?from=2020-11-19&to=2020-11-20", []string{`"numberMatched":1`, `"id":"abdal-gulabli"`}},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, h, tc.target)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d: %s", tc.target, rec.Code, rec.Body)
			}
			body := compact(t, rec.Body.Bytes()) // keys sorted
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s:\n%s\nwant it to contain %s", tc.target, body, w)
				}
			}
		})
	}
}

func compact(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return string(out)
}
