package geo_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/geo"
)

// checkInvalid fails t unless err is a *geo.Error of kind Invalid about field.
func checkInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var e *geo.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *geo.Error", err)
	}
	if e.Kind != geo.Invalid || e.Field != field {
		t.Errorf("err = %s %q (%v), want invalid %q", e.Kind, e.Field, e, field)
	}
}

func TestChangeValidate(t *testing.T) {
	today := day("2024-01-01")
	tests := []struct {
		name  string
		edit  func(*geo.Change)
		field string // "" when valid
	}{
		{"valid", func(*geo.Change) {}, ""},
		{"dated today", func(c *geo.Change) { c.Date = geo.MustParseDate("2024-01-01") }, ""},
		{"month of today", func(c *geo.Change) { c.Date = geo.MustParseDate("2024-01") }, ""},
		{"claimed", func(c *geo.Change) { c.Status = geo.Claimed; c.Kind = geo.Claim }, ""},
		{"retracted", retracted, ""},
		{"source without url", func(c *geo.Change) { c.Sources = []geo.Source{{Title: "Statement"}} }, ""},
		{"empty id", func(c *geo.Change) { c.ID = "" }, "id"},
		{"uppercase id", func(c *geo.Change) { c.ID = "Abdal-1992" }, "id"},
		{"id with space", func(c *geo.Change) { c.ID = "abdal 1992" }, "id"},
		{"id too long", func(c *geo.Change) { c.ID = strings.Repeat("a", 201) }, "id"},
		{"no settlement", func(c *geo.Change) { c.SettlementID = "" }, "settlement_id"},
		{"no date", func(c *geo.Change) { c.Date = geo.Date{} }, "date"},
		{"tomorrow", func(c *geo.Change) { c.Date = geo.MustParseDate("2024-01-02") }, "date"},
		{"next month", func(c *geo.Change) { c.Date = geo.MustParseDate("2024-02") }, "date"},
		{"next year", func(c *geo.Change) { c.Date = geo.MustParseDate("2025") }, "date"},
		{"interval", func(c *geo.Change) { c.Date = geo.MustParseDate("2020-09-27/2020-11-10") }, ""},
		{"on or before", func(c *geo.Change) { c.Date = geo.MustParseDate("../1994-05-12") }, ""},
		{"interval ending this month", func(c *geo.Change) { c.Date = geo.MustParseDate("2023-12-20/2024-01") }, ""},
		{"interval ending tomorrow", func(c *geo.Change) { c.Date = geo.MustParseDate("2023-12-20/2024-01-02") }, "date"},
		{"on or before next year", func(c *geo.Change) { c.Date = geo.MustParseDate("../2025") }, "date"},
		{"counter-claim", func(c *geo.Change) { c.Kind = geo.CounterClaim; c.Status = geo.Claimed }, ""},
		{"confirmation", func(c *geo.Change) { c.Kind = geo.Confirmation }, ""},
		{"no controller", func(c *geo.Change) { c.Controller = "" }, "controller"},
		{"no kind", func(c *geo.Change) { c.Kind = "" }, "kind"},
		{"unknown kind", func(c *geo.Change) { c.Kind = "liberation" }, "kind"},
		{"no status", func(c *geo.Change) { c.Status = "" }, "status"},
		{"unknown status", func(c *geo.Change) { c.Status = "rumoured" }, "status"},
		{"no sources", func(c *geo.Change) { c.Sources = nil }, "source_title"},
		{"source without title", func(c *geo.Change) { c.Sources = []geo.Source{{URL: "https://example.org"}} }, "source_title"},
		{"second source without title", func(c *geo.Change) { c.Sources = append(c.Sources, geo.Source{Publisher: "AP"}) }, "source_title"},
		{"ftp source", func(c *geo.Change) { c.Sources[0].URL = "ftp://example.org/report" }, "source_url"},
		{"javascript source", func(c *geo.Change) { c.Sources[0].URL = "javascript:alert(1)" }, "source_url"},
		{"relative source", func(c *geo.Change) { c.Sources[0].URL = "/report" }, "source_url"},
		{"source without host", func(c *geo.Change) { c.Sources[0].URL = "https://" }, "source_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChange("abdal-1992", "1992-09-04", arm)
			tt.edit(c)
			err := c.Validate(today)
			if tt.field == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			checkInvalid(t, err, tt.field)
		})
	}
}

func TestChangeCounts(t *testing.T) {
	if c := newChange("a", "1992", arm); !c.Counts() {
		t.Error("Counts() = false for a change that is not retracted")
	}
	if c := newChange("a", "1992", arm, retracted); c.Counts() {
		t.Error("Counts() = true for a retracted change")
	}
}

func TestCompareChanges(t *testing.T) {
	later := recorded.Add(1)
	tests := []struct {
		name string
		a, b *geo.Change
	}{
		{"earlier day", newChange("z", "1992-09-03", arm, recordedAt(later)), newChange("a", "1992-09-04", arm)},
		{"coarser precision", newChange("z", "1992", arm, recordedAt(later)), newChange("a", "1992-01", arm)},
		{"earlier record", newChange("z", "1992-09-04", arm), newChange("a", "1992-09-04", arm, recordedAt(later))},
		{"smaller id", newChange("a", "1992-09-04", arm), newChange("b", "1992-09-04", arm)},
		{"interval counts from its end", newChange("z", "2020-10-01", arm, recordedAt(later)), newChange("a", "2020-09-27/2020-11-10", arm)},
		{"month interval from its last day", newChange("z", "1992-07-30", arm, recordedAt(later)), newChange("a", "1992-06/1992-07", arm)},
		{"on or before from its last day", newChange("a", "../1992-07", arm), newChange("z", "1992-08-01", arm)},
		{"same counting day: coarser end first", newChange("z", "1992-06/1992-07", arm, recordedAt(later)), newChange("a", "1992-07-31", arm)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := geo.CompareChanges(tt.a, tt.b); got >= 0 {
				t.Errorf("CompareChanges(a, b) = %d, want < 0", got)
			}
			if got := geo.CompareChanges(tt.b, tt.a); got <= 0 {
				t.Errorf("CompareChanges(b, a) = %d, want > 0", got)
			}
			if got := geo.CompareChanges(tt.a, tt.a); got != 0 {
				t.Errorf("CompareChanges(a, a) = %d, want 0", got)
			}
		})
	}
}
