package data_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

func TestSettlementFeatureUncertain(t *testing.T) {
	st := datatest.MustOpen(t)
	importTestdata(t, st)
	datatest.MustImport(t, st, data.ImportChanges, "uncertain.csv", uncertainChanges)
	tests := []struct {
		date string
		want []string // parts of the feature's JSON properties
	}{
		{"2020-10-01", []string{
			`"controller":null`, `"controller_id":null`, `"controlled_since":null`, `"status":null`, `"change_id":null`,
			`"changing":{"previous":{"id":"armenian-forces",`, `"next":{"id":"azerbaijan",`,
			`"date":"2020-09-27/2020-11-10","until":"2020-11-10","change_id":"aghdam-2020","kind":"handover","status":"confirmed"}`,
		}},
		{"2020-11-12", []string{`"controller":{"id":"azerbaijan",`, `"controlled_since":"2020-09-27/2020-11-10"`, `"status":"disputed"`, `"disputed_by":{"id":"armenian-forces",`, `"changing":null`}},
		{"2020-11-20", []string{`"controlled_since":"2020-09-27/2020-11-10"`, `"status":"confirmed"`, `"change_id":"aghdam-2020"`, `"disputed_by":null`, `"changing":null`}},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			e, _ := st.Index().Entry("aghdam")
			p := e.At(geo.MustParseDate(tt.date).Start)
			b, err := json.Marshal(data.NewSettlementFeature(st.Index(), geo.State{Entry: e, Period: p}).Properties)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("properties %s\nwant them to contain %s", b, w)
				}
			}
		})
	}
}
