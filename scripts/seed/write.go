package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// render turns the seed into the bytes of each output file.
func render(s *seed) (map[string][]byte, error) {
	files := map[string][]byte{}
	for name, rows := range map[string][][]string{
		"actors.csv":      actorRows(s.Actors),
		"settlements.csv": settlementRows(s.Settlements),
		"changes.csv":     changeRows(s.Changes),
	} {
		b, err := csvBytes(rows)
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	files["ATTRIBUTION.txt"] = []byte(attribution)
	return files, nil
}

// writeFiles writes the rendered files into dir.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range sortedNames(files) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sortedNames lists the file names in order.
func sortedNames(files map[string][]byte) []string {
	var out []string
	for n := range files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// csvBytes writes rows as CSV with LF line ends.
func csvBytes(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// actorRows is actors.csv, sorted by id.
func actorRows(as []actor) [][]string {
	rows := [][]string{{"id", "name_en", "name_az", "name_hy", "name_ru", "color"}}
	sorted := append([]actor{}, as...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, a := range sorted {
		rows = append(rows, []string{a.ID, a.NameEN, a.NameAZ, a.NameHY, a.NameRU, a.Color})
	}
	return rows
}

// settlementRows is settlements.csv, sorted by id.
func settlementRows(ss []*settlement) [][]string {
	rows := [][]string{{"id", "name_en", "name_az", "name_hy", "name_ru", "district", "country",
		"lon", "lat", "population", "geonames_id", "wikipedia_url", "place", "abandoned"}}
	for _, s := range ss {
		rows = append(rows, []string{s.ID, s.names.en, s.names.az, s.names.hy, s.names.ru, s.District, s.Country,
			formatFloat(s.Lon), formatFloat(s.Lat), formatInt(s.Population), formatInt(s.GeoNamesID),
			s.WikipediaURL, s.Place, formatBool(s.Abandoned)})
	}
	return rows
}

// changeRows is changes.csv: one row per source, changes in output order.
func changeRows(cs []*change) [][]string {
	rows := [][]string{{"id", "settlement_id", "date", "controller", "kind", "status",
		"source_title", "source_publisher", "source_url", "source_date", "note"}}
	for _, c := range cs {
		for _, src := range c.Sources {
			rows = append(rows, []string{c.ID, c.SettlementID, c.Date, c.Controller, c.Kind, c.Status,
				src.Title, src.Publisher, src.URL, src.Date, c.Note})
		}
	}
	return rows
}

// formatFloat writes a coordinate with the digits the source gave.
func formatFloat(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// formatBool writes true, or nothing for false (the column's default).
func formatBool(v bool) string {
	if v {
		return "true"
	}
	return ""
}

// formatInt writes a count, empty when unknown (0).
func formatInt(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}
