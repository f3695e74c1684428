package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Input files, relative to the shared data folder.
const (
	factsFile      = "karabakh-control-facts.csv"
	coordsFile     = "settlements/karabakh_settlement_coords.csv"
	geonamesFile   = "settlements/geonames_cities500_bbox.tsv"
	admin1File     = "settlements/geonames_admin1_codes_AZ_AM.csv"
	wikiCoordsFile = "settlements/wikipedia_settlement_coords.csv"
)

// record is one row of an input table, keyed by column name.
type record map[string]string

// inputs holds every table the generator reads.
type inputs struct {
	facts      []record
	coords     []record
	geonames   []record
	admin1     map[string]string // code (AZ.03) → name
	wikiCoords []record
}

// readInputs loads the input tables and checks that their columns are there.
func readInputs(dir string) (*inputs, error) {
	in := &inputs{}
	var err error
	if in.facts, err = readTable(dir, factsFile, ',', "settlement", "district", "date", "from", "to", "kind", "source_title", "source_url", "note"); err != nil {
		return nil, err
	}
	if in.coords, err = readTable(dir, coordsFile, ',', "settlement", "name_az", "name_hy", "name_ru", "name_en", "district", "lat", "lon", "geonames_id", "source_title", "source_url", "note"); err != nil {
		return nil, err
	}
	if in.geonames, err = readTable(dir, geonamesFile, '\t', "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class", "feature_code", "country_code", "admin1_code", "population"); err != nil {
		return nil, err
	}
	if in.wikiCoords, err = readTable(dir, wikiCoordsFile, ',', "name_az", "names_other", "name_hy", "district", "lat", "lon", "source_title", "source_url", "note"); err != nil {
		return nil, err
	}
	admin1, err := readTable(dir, admin1File, ',', "code", "name")
	if err != nil {
		return nil, err
	}
	in.admin1 = map[string]string{}
	for _, r := range admin1 {
		in.admin1[r["code"]] = r["name"]
	}
	return in, nil
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
	for {
		row, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rec := record{}
		for i, h := range header {
			rec[h] = row[i]
		}
		out = append(out, rec)
	}
}
