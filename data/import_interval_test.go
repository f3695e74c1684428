package data_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

// uncertainChanges has an interval, an "on or before" date, a confirmation and a counter-claim.
const uncertainChanges = changesHeader +
	"aghdam-2020,aghdam,2020-09-27/2020-11-10,azerbaijan,handover,confirmed,Statement,,,,\n" +
	"aghdam-2020-denied,aghdam,2020-11-12,armenian-forces,counter-claim,claimed,Denial,,,,\n" +
	"aghdam-2020-confirmed,aghdam,2020-11-20,azerbaijan,confirmation,confirmed,Report,,,,\n" +
	"abdal-gulabli-1994,abdal-gulabli,../1994-05-12,azerbaijan,other,claimed,Report,,,,\n"

func TestImportIntervalsAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cm.db")
	ctx := context.Background()
	opts := data.Options{Now: func() time.Time { return datatest.Today }}
	st, err := data.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	importTestdata(t, st)
	datatest.MustImport(t, st, data.ImportChanges, "uncertain.csv", uncertainChanges)
	checkUncertain(t, "before reopen", st.Index())
	st.Close()
	if st, err = data.Open(ctx, path, opts); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkUncertain(t, "after reopen", st.Index())
	checkDayColumns(t, data.DB(st))
}

func checkUncertain(t *testing.T, when string, ix *geo.Index) {
	t.Helper()
	c, ok := ix.Change("aghdam-2020")
	if !ok || c.Date.String() != "2020-09-27/2020-11-10" {
		t.Fatalf("%s: aghdam-2020 = %+v, want dated 2020-09-27/2020-11-10", when, c)
	}
	e, _ := ix.Entry("aghdam")
	if p := e.At(geo.MustParseDate("2020-10-01").Start); !p.Changing || p.Controller != "" || p.Previous != "armenian-forces" {
		t.Errorf("%s: aghdam on 2020-10-01 = %+v, want changing from armenian-forces", when, p)
	}
	if p := e.At(geo.MustParseDate("2020-11-12").Start); p.Status != geo.Disputed || p.DisputedBy() != "armenian-forces" {
		t.Errorf("%s: aghdam on 2020-11-12 = %+v, want disputed by armenian-forces", when, p)
	}
	p := e.At(geo.MustParseDate("2020-11-20").Start)
	if p.Status != geo.Confirmed || p.Controller != "azerbaijan" || p.Since != geo.MustParseDate("2020-11-10").Start {
		t.Errorf("%s: aghdam on 2020-11-20 = %+v, want confirmed azerbaijan since 2020-11-10", when, p)
	}
}

// checkDayColumns checks the counting day and the earliest day stored with each date.
func checkDayColumns(t *testing.T, db *sql.DB) {
	t.Helper()
	tests := []struct {
		id            string
		day, earliest string // "" for NULL
	}{
		{"aghdam-2020", "2020-11-10", "2020-09-27"},
		{"abdal-gulabli-1994", "1994-05-12", ""},
		{"aghdam-1993-07", "1993-07-01", "1993-07-01"},
	}
	for _, tt := range tests {
		var day geo.Day
		var earliest sql.NullInt64
		if err := db.QueryRow(`SELECT day, earliest_day FROM changes WHERE id = ?`, tt.id).Scan(&day, &earliest); err != nil {
			t.Fatal(err)
		}
		got := ""
		if earliest.Valid {
			got = geo.Day(earliest.Int64).String()
		}
		if day.String() != tt.day || got != tt.earliest {
			t.Errorf("%s: day %s, earliest_day %q; want %s, %q", tt.id, day, got, tt.day, tt.earliest)
		}
	}
}

func TestImportIntervalErrors(t *testing.T) {
	row := func(date string) string {
		return changesHeader + "c1,abdal-gulabli," + date + ",azerbaijan,capture,confirmed,T,,,,\n"
	}
	tests := []struct {
		name, body, want string
	}{
		{"open end", row("2020-09-27/.."), `c.csv:2: date: "2020-09-27/.." has no latest day`},
		{"start after end", row("2020-11-10/2020-09-27"), `c.csv:2: date: "2020-11-10/2020-09-27" starts after it ends`},
		{"year zero", row("0000"), `c.csv:2: date: "0000"`},
		{"end in the future", row("2020-09-27/2030-01-01"), "c.csv:2: date: 2020-09-27/2030-01-01 is in the future"},
		{"malformed end", row("../2020-13"), `c.csv:2: date: "../2020-13" is not a date`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := datatest.MustOpen(t)
			importTestdata(t, st)
			_, err := st.Import(context.Background(), data.ImportChanges, "c.csv", strings.NewReader(tc.body))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
			if geo.KindOf(err) != geo.Invalid {
				t.Errorf("kind = %v, want invalid", geo.KindOf(err))
			}
		})
	}
}
