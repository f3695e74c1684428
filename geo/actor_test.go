package geo_test

import (
	"testing"

	"github.com/controlmap/controlmap/geo"
)

func TestActorValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*geo.Actor)
		field string // "" when valid
	}{
		{"valid", func(*geo.Actor) {}, ""},
		{"uppercase colour", func(a *geo.Actor) { a.Color = "#00B5E2" }, ""},
		{"only a russian name", func(a *geo.Actor) { a.Names = geo.Names{Ru: "Азербайджан"} }, ""},
		{"no id", func(a *geo.Actor) { a.ID = "" }, "id"},
		{"id with capitals", func(a *geo.Actor) { a.ID = "Azerbaijan" }, "id"},
		{"id with double dash", func(a *geo.Actor) { a.ID = "armenian--forces" }, "id"},
		{"no name", func(a *geo.Actor) { a.Names = geo.Names{} }, "name_en"},
		{"no colour", func(a *geo.Actor) { a.Color = "" }, "color"},
		{"short colour", func(a *geo.Actor) { a.Color = "#0b5" }, "color"},
		{"colour without hash", func(a *geo.Actor) { a.Color = "00b5e2" }, "color"},
		{"named colour", func(a *geo.Actor) { a.Color = "blue" }, "color"},
		{"colour not hex", func(a *geo.Actor) { a.Color = "#00b5eg" }, "color"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := geo.Actor{ID: "azerbaijan", Names: geo.Names{En: "Azerbaijan", Az: "Azərbaycan"}, Color: "#00b5e2"}
			tt.edit(&a)
			err := a.Validate()
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
