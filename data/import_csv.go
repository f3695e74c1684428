package data

import (
	"io"
	"math"
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
	return readChangesCSV(file, r, today, 0)
}

// readChangesCSV is ReadChangesCSV with room made for about size bytes of rows, if known.
func readChangesCSV(file string, r io.Reader, today geo.Day, size int64) ([]geo.Change, []int, error) {
	cr := changesReader{file: file, today: today}
	if n := size / bytesPerChange; n > 0 && n < math.MaxInt32 {
		cr.out, cr.lines = make([]geo.Change, 0, n), make([]int, 0, n)
	}
	err := readCSV(file, r, changeColumns, nil, cr.read)
	return cr.out, cr.lines, err
}

// bytesPerChange is about the least a change takes in a CSV file as written (a few hundred bytes
// with its source): room made for a file's changes from its size is not much more than they need,
// and seldom too little (growing a million changes would copy them all, twice over).
const bytesPerChange = 256

// changesReader reads the rows of a changes file into changes.
type changesReader struct {
	file    string
	today   geo.Day
	out     []geo.Change
	lines   []int // the line of each change's first row
	ids     changeIDs
	repeats []repeatRow
}

// repeatRow is a row that added a source to a change read before: out[change], at line.
type repeatRow struct{ change, line int }

func (cr *changesReader) read(rw row) error {
	c, err := changeFrom(rw)
	if err != nil {
		return atLine(cr.file, rw.line, "", err)
	}
	if err := c.Validate(cr.today); err != nil {
		return atLine(cr.file, rw.line, "", err)
	}
	i, seen := cr.ids.find(c.ID, cr.out)
	if !seen {
		cr.ids.add(c.ID, len(cr.out))
		cr.out, cr.lines = append(cr.out, c), append(cr.lines, rw.line)
		return nil
	}
	if k := slices.Index(cr.out[i].Sources, c.Sources[0]); k >= 0 {
		return atLine(cr.file, rw.line, "source_title", geo.Invalidf("source_title",
			"repeats the row at line %d: the same source of change %q twice", cr.sourceLine(i, k), geo.Shorten(c.ID)))
	}
	if err := addSource(&cr.out[i], c, cr.lines[i]); err != nil {
		return atLine(cr.file, rw.line, "id", err)
	}
	cr.repeats = append(cr.repeats, repeatRow{change: i, line: rw.line})
	return nil
}

// sourceLine is the line of the row that gave change i its source k.
func (cr *changesReader) sourceLine(i, k int) int {
	if k == 0 {
		return cr.lines[i]
	}
	for _, r := range cr.repeats {
		if r.change == i {
			if k--; k == 0 {
				return r.line
			}
		}
	}
	return cr.lines[i]
}

// changeIDs finds a change among those read by its id. While the ids come in increasing order,
// as in a file written by id (an export), a new id is one greater than the last and needs no
// map; the map of every id is made at the first id out of order.
type changeIDs struct {
	at map[string]int // index in the changes read, by id; nil while the ids increase
}

// find returns the index of the change with id in out, the changes read so far.
func (x *changeIDs) find(id string, out []geo.Change) (int, bool) {
	if x.at == nil {
		switch last := len(out) - 1; {
		case last < 0 || id > out[last].ID:
			return 0, false
		case id == out[last].ID:
			return last, true
		}
		x.at = make(map[string]int, len(out))
		for i := range out {
			x.at[out[i].ID] = i
		}
	}
	i, ok := x.at[id]
	return i, ok
}

// add records that the change with id is at index i.
func (x *changeIDs) add(id string, i int) {
	if x.at != nil {
		x.at[id] = i
	}
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
