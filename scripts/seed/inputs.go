package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Input files, relative to the shared data folder.
const (
	factsFile      = "karabakh-control-facts.csv"
	facts2File     = "karabakh-control-facts-2.csv"
	coordsFile     = "settlements/karabakh_settlement_coords.csv"
	missingFile    = "settlements/missing_villages_geonames_match.csv"
	geonamesAZFile = "settlements/geonames_AZ.txt"
	cities500File  = "settlements/geonames_cities500_bbox.tsv"
	wikiCoordsFile = "settlements/wikipedia_settlement_coords.csv"
	urlMapFile     = "source_url_map.csv"
	areaFile       = "boundaries/ne_10m_nagorno_karabakh_breakaway_area.geojson"
	linesFile      = "boundaries/ne_10m_karabakh_reference_lines.geojson"
)

// Input files of this program, relative to its own folder (scripts/seed/inputs).
const (
	legacyFile     = "legacy-settlements.csv"
	factsExtraFile = "facts-extra.csv"
	publishersFile = "publishers.csv"
	urlOrigFile    = "url-originals.csv"
)

// factColumns are the columns every facts file has.
var factColumns = []string{"settlement", "district", "date", "from", "to", "kind", "source_title", "source_url", "note"}

// record is one row of an input table, keyed by column name; "#line" holds its line.
type record map[string]string

// inputs holds every table the generator reads.
type inputs struct {
	facts, facts2, factsExtra []record
	coords, missing           []record
	wikiCoords, cities500     []record
	legacy                    []record
	urlMap, urlOrig           []record
	publishers                []record
	places                    []place
	area                      json.RawMessage
	lines                     json.RawMessage
}

// readInputs loads the input tables and checks that their columns are there.
func readInputs(shared, own string) (*inputs, error) {
	in := &inputs{}
	if err := in.readShared(shared); err != nil {
		return nil, err
	}
	if err := in.readOwn(own); err != nil {
		return nil, err
	}
	return in, nil
}

// readShared reads the tables of shared/data.
func (in *inputs) readShared(dir string) error {
	var err error
	read := func(dst *[]record, name string, comma rune, columns ...string) {
		if err == nil {
			*dst, err = readTable(dir, name, comma, columns...)
		}
	}
	read(&in.facts, factsFile, ',', factColumns...)
	read(&in.facts2, facts2File, ',', factColumns...)
	read(&in.coords, coordsFile, ',', "settlement", "name_az", "name_hy", "name_ru", "name_en", "district", "lat", "lon", "geonames_id", "source_title", "source_url")
	read(&in.missing, missingFile, ',', "name", "district", "lat", "lon", "source_url", "note")
	read(&in.wikiCoords, wikiCoordsFile, ',', "name_az", "names_other", "district", "lat", "lon", "source_title", "source_url")
	read(&in.cities500, cities500File, '\t', "geonameid", "name", "latitude", "longitude")
	read(&in.urlMap, urlMapFile, ',', "copy_url", "original_url", "original_title", "language")
	if err != nil {
		return err
	}
	if in.places, err = readPlaces(filepath.Join(dir, geonamesAZFile)); err != nil {
		return err
	}
	if in.area, err = os.ReadFile(filepath.Join(dir, areaFile)); err != nil {
		return err
	}
	in.lines, err = os.ReadFile(filepath.Join(dir, linesFile))
	return err
}

// readOwn reads this program's inputs; the researched ones may be missing.
func (in *inputs) readOwn(dir string) error {
	var err error
	in.legacy, err = readTable(dir, legacyFile, ',', "id", "name_en", "name_az", "name_hy", "name_ru", "district", "lon", "lat", "geonames_id", "wikipedia_url")
	optional := func(dst *[]record, name string, columns ...string) {
		if err == nil {
			*dst, err = readOptional(dir, name, columns...)
		}
	}
	optional(&in.factsExtra, factsExtraFile, append([]string{"geonames_id", "status", "source_publisher", "source_date", "public_note", "curation_note"}, factColumns[:8]...)...)
	optional(&in.publishers, publishersFile, "domain", "publisher", "origin")
	optional(&in.urlOrig, urlOrigFile, "copy_url", "original_url", "original_title", "publisher")
	return err
}

// readOptional reads a table of this program's inputs that another helper
// may not have written yet: a missing file is an empty table.
func readOptional(dir, name string, columns ...string) ([]record, error) {
	rs, err := readTable(dir, name, ',', columns...)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return rs, err
}

// readTable reads a delimited file with a header row into records.
func readTable(dir, name string, comma rune, columns ...string) ([]record, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	r.LazyQuotes = comma == '\t' // GeoNames names may hold a bare quote
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	if err := requireColumns(name, header, columns); err != nil {
		return nil, err
	}
	return readRecords(name, r, header)
}

// requireColumns fails when a column the generator needs is missing.
func requireColumns(name string, header, columns []string) error {
	have := map[string]bool{}
	for _, h := range header {
		have[h] = true
	}
	for _, c := range columns {
		if !have[c] {
			return fmt.Errorf("%s: missing column %q", name, c)
		}
	}
	return nil
}

// readRecords reads the rows after the header.
func readRecords(name string, r *csv.Reader, header []string) ([]record, error) {
	var out []record
	for line := 2; ; line++ {
		row, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rec := record{"#file": name, "#line": fmt.Sprint(line)}
		for i, h := range header {
			rec[h] = row[i]
		}
		out = append(out, rec)
	}
}
