package data

import (
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

var (
	actorColumns      = []string{"id", "name_en", "name_az", "name_hy", "name_ru", "color"}
	settlementColumns = []string{"id", "name_en", "name_az", "name_hy", "name_ru", "district", "country",
		"lon", "lat", "population", "geonames_id", "wikipedia_url"}
	settlementOptional = []string{"place", "abandoned"}
	changeColumns      = []string{"id", "settlement_id", "date", "controller", "kind", "status",
		"source_title", "source_publisher", "source_url", "source_date", "note"}
)

// ReadActorsCSV reads actors: id,name_en,name_az,name_hy,name_ru,color.
func ReadActorsCSV(file string, r io.Reader) ([]geo.Actor, error) {
	var out []geo.Actor
	seen := map[string]int{}
	err := readCSV(file, r, actorColumns, nil, func(rw row) error {
		a := geo.Actor{ID: rw.get("id"), Names: names(rw), Color: rw.get("color")}
		if err := a.Validate(); err != nil {
			return atLine(file, rw.line, "", err)
		}
		if err := once(seen, a.ID, rw.line); err != nil {
			return atLine(file, rw.line, "id", err)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// ReadSettlementsCSV reads settlements:
// id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url[,place][,abandoned].
func ReadSettlementsCSV(file string, r io.Reader) ([]geo.Settlement, error) {
	var out []geo.Settlement
	seen := map[string]int{}
	err := readCSV(file, r, settlementColumns, settlementOptional, func(rw row) error {
		s, err := settlementFrom(rw.get)
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			err = once(seen, s.ID, rw.line)
		}
		if err != nil {
			return atLine(file, rw.line, "id", err)
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// settlementFrom builds a settlement from named fields, as written in CSV or GeoJSON properties.
func settlementFrom(get func(string) string) (geo.Settlement, error) {
	s := geo.Settlement{
		ID:           get("id"),
		Names:        geo.Names{En: get("name_en"), Az: get("name_az"), Hy: get("name_hy"), Ru: get("name_ru")},
		District:     get("district"),
		Country:      get("country"),
		Place:        geo.Place(get("place")),
		WikipediaURL: get("wikipedia_url"),
	}
	lon, err := parseFloat("lon", get("lon"))
	if err != nil {
		return s, err
	}
	lat, err := parseFloat("lat", get("lat"))
	if err != nil {
		return s, err
	}
	s.Point = orb.Point{lon, lat}
	if s.Population, err = parseInt("population", get("population")); err != nil {
		return s, err
	}
	geonames, err := parseInt("geonames_id", get("geonames_id"))
	s.GeoNamesID = int64(geonames)
	if err != nil {
		return s, err
	}
	s.Abandoned, err = parseBool("abandoned", get("abandoned"))
	return s, err
}

// parseBool reads an optional true/false; empty means false.
func parseBool(field, s string) (bool, error) {
	switch s {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, geo.Invalidf(field, "%q is not true or false", s)
}

// ReadChangesCSV reads changes:
// id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note.
// Rows with the same id add sources to one change and must agree on its other fields.
// It returns the line of each change's first row, in the order of the changes, for later errors.
func ReadChangesCSV(file string, r io.Reader, today geo.Day) ([]geo.Change, []int, error) {
	var (
		out   []geo.Change
		lines []int
		at    = map[string]int{} // change id -> index in out
		more  = map[int][]int{}  // index in out -> the lines of the rows after the first
	)
	err := readCSV(file, r, changeColumns, nil, func(rw row) error {
		c, err := changeFrom(rw)
		if err != nil {
			return atLine(file, rw.line, "", err)
		}
		if err := c.Validate(today); err != nil {
			return atLine(file, rw.line, "", err)
		}
		i, seen := at[c.ID]
		if !seen {
			at[c.ID] = len(out)
			out, lines = append(out, c), append(lines, rw.line)
			return nil
		}
		if k := slices.Index(out[i].Sources, c.Sources[0]); k >= 0 {
			first := append([]int{lines[i]}, more[i]...)[k]
			return atLine(file, rw.line, "source_title", geo.Invalidf("source_title",
				"repeats the row at line %d: the same source of change %q twice", first, geo.Shorten(c.ID)))
		}
		if err := addSource(&out[i], c, lines[i]); err != nil {
			return atLine(file, rw.line, "id", err)
		}
		more[i] = append(more[i], rw.line)
		return nil
	})
	return out, lines, err
}

func changeFrom(rw row) (geo.Change, error) {
	c := geo.Change{
		ID:           rw.get("id"),
		SettlementID: rw.get("settlement_id"),
		Controller:   rw.get("controller"),
		Kind:         geo.Kind(rw.get("kind")),
		Status:       geo.Status(rw.get("status")),
		Note:         rw.get("note"),
	}
	var err error
	if c.Date, err = geo.ParseDate(rw.get("date")); err != nil {
		return c, geo.Invalidf("date", "%v", err)
	}
	src := geo.Source{Title: rw.get("source_title"), Publisher: rw.get("source_publisher"), URL: rw.get("source_url")}
	if err := src.Published.UnmarshalText([]byte(rw.get("source_date"))); err != nil {
		return c, geo.Invalidf("source_date", "%v", err)
	}
	c.Sources = []geo.Source{src}
	return c, nil
}

// addSource adds the source of row c to change into, which it must otherwise equal.
func addSource(into *geo.Change, c geo.Change, firstLine int) error {
	want := *into
	want.Sources = c.Sources
	if !reflect.DeepEqual(want, c) {
		return geo.Invalidf("id", "change %q differs from its row at line %d in more than its source", geo.Shorten(c.ID), firstLine)
	}
	into.Sources = append(into.Sources, c.Sources...)
	return nil
}

func names(rw row) geo.Names {
	return geo.Names{En: rw.get("name_en"), Az: rw.get("name_az"), Hy: rw.get("name_hy"), Ru: rw.get("name_ru")}
}

// once fails when id was already seen at an earlier line.
func once(seen map[string]int, id string, line int) error {
	if first, ok := seen[id]; ok {
		return geo.Invalidf("id", "%q is already defined at line %d", geo.Shorten(id), first)
	}
	seen[id] = line
	return nil
}

// decimal is a plain decimal number, as written in CSV and JSON: no hex, Inf, NaN or underscores.
var decimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// whole is a plain whole number.
var whole = regexp.MustCompile(`^-?[0-9]+$`)

// parseFloat reads a finite decimal number.
func parseFloat(field, s string) (float64, error) {
	if !decimal.MatchString(s) {
		return 0, geo.Invalidf(field, "%q is not a decimal number", geo.Shorten(s))
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, geo.Invalidf(field, "%q is out of range", geo.Shorten(s))
	}
	return v, nil
}

// parseInt reads an optional whole number; empty means 0.
func parseInt(field, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || !whole.MatchString(s) {
		return 0, geo.Invalidf(field, "%q is not a whole number", geo.Shorten(s))
	}
	return v, nil
}
