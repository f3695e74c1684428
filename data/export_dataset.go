package data

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb/geojson"
)

// datasetEpoch stamps the files of an archive of a dataset without changes (zip cannot go
// earlier than 1980).
var datasetEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// datasetFile is one file of the dataset archive.
type datasetFile struct {
	name  string
	write func(io.Writer, *geo.Index) error
}

// datasetFiles are the files of the archive, in order.
var datasetFiles = []datasetFile{
	{"README.md", writeDatasetReadme},
	{"ATTRIBUTION.txt", writeAttribution},
	{"settlements.geojson", writeLatestGeoJSON},
	{"settlements.csv", writeLatestCSV},
	{"changes.geojson", writeChangesGeoJSON},
	{"changes.csv", writeChangesCSV},
	{"sources.csv", writeSourcesCSV},
	{"actors.csv", writeActorsCSV},
	{"actors.json", writeActorsJSON},
}

// WriteDataset writes the whole dataset as a zip archive: every settlement (with its latest
// known controller), change (retracted ones included), source and actor, as GeoJSON and CSV,
// with a README of the columns and the attribution. Every file is stamped with the time the
// data last changed, so the same data gives the same bytes.
func WriteDataset(w io.Writer, ix *geo.Index) error {
	stamp := ix.UpdatedAt()
	if stamp.Before(datasetEpoch) {
		stamp = datasetEpoch
	}
	zw := zip.NewWriter(w)
	for _, f := range datasetFiles {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: "controlmap/" + f.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if err := f.write(fw, ix); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return zw.Close()
}

// latest is every settlement with its last known controller.
func latest(ix *geo.Index) ([]geo.State, error) { return Snapshot(ix, geo.MaxDay, nil) }

func writeLatestGeoJSON(w io.Writer, ix *geo.Index) error {
	states, err := latest(ix)
	if err != nil {
		return err
	}
	m := SnapshotMetadata(ix, geo.MaxDay, states)
	m.Date = ""
	return WriteFeatureCollection(w, SnapshotFeatures(ix, states), map[string]any{"metadata": m})
}

func writeLatestCSV(w io.Writer, ix *geo.Index) error { return WriteSnapshotCSV(w, ix, geo.MaxDay) }

// changeFeatureProps are the properties of a change in changes.geojson: its flat row and its
// sources.
type changeFeatureProps struct {
	ChangeRow
	Sources SourcesJSON `json:"sources"`
}

func writeChangesGeoJSON(w io.Writer, ix *geo.Index) error {
	all, err := AllChanges(ix)
	if err != nil {
		return err
	}
	features := func(yield func(*geojson.FeatureOf[changeFeatureProps]) bool) {
		for _, ec := range all {
			p := changeFeatureProps{ChangeRow: NewChangeRow(ix, ec.Entry, ec.Change), Sources: NewSourcesJSON(ec.Change.Sources)}
			f := &geojson.FeatureOf[changeFeatureProps]{ID: p.ID, Type: "Feature", Geometry: ec.Entry.Settlement.Point, Properties: p}
			if !yield(f) {
				return
			}
		}
	}
	return WriteFeatureCollection(w, features, map[string]any{"metadata": NewMetadata("")})
}

func writeChangesCSV(w io.Writer, ix *geo.Index) error {
	all, err := AllChanges(ix)
	if err != nil {
		return err
	}
	return writeCSV(w, ChangeColumns, flatChanges(ix, all))
}

func writeSourcesCSV(w io.Writer, ix *geo.Index) error {
	all, err := AllChanges(ix)
	if err != nil {
		return err
	}
	return writeCSV(w, SourceColumns, flatSources(all))
}

// ActorRow is an actor as one flat row: actors.csv of the dataset archive.
type ActorRow struct {
	ID     string  `json:"id" doc:"actor id, a stable slug"`
	Name   string  `json:"name" doc:"default name"`
	NameEn *string `json:"name_en" doc:"name in English"`
	NameAz *string `json:"name_az" doc:"name in Azerbaijani"`
	NameHy *string `json:"name_hy" doc:"name in Armenian"`
	NameRu *string `json:"name_ru" doc:"name in Russian"`
	Color  string  `json:"color" doc:"map colour, #rrggbb"`
}

// ActorColumns are the columns of ActorRow, in order.
var ActorColumns = columnsOf[ActorRow]()

func writeActorsCSV(w io.Writer, ix *geo.Index) error {
	var rows []ActorRow
	for _, a := range ix.Actors() {
		rows = append(rows, ActorRow{ID: a.ID, Name: a.Names.Default(), NameEn: nonZero(a.Names.En), NameAz: nonZero(a.Names.Az),
			NameHy: nonZero(a.Names.Hy), NameRu: nonZero(a.Names.Ru), Color: a.Color})
	}
	return writeCSV(w, ActorColumns, rows)
}

func writeActorsJSON(w io.Writer, ix *geo.Index) error {
	actors := []ActorJSON{}
	for _, a := range ix.Actors() {
		actors = append(actors, NewActorJSON(a))
	}
	b, err := json.MarshalIndent(map[string]any{"actors": actors, "metadata": NewMetadata("")}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func writeAttribution(w io.Writer, _ *geo.Index) error {
	_, err := io.WriteString(w, Attribution()+"\n\nLicence: "+Licence+" (https://creativecommons.org/licenses/by-sa/4.0/).\n")
	return err
}

// writeDatasetReadme documents every file and column of the archive, from the row types.
func writeDatasetReadme(w io.Writer, _ *geo.Index) error {
	var b bytes.Buffer
	b.WriteString("# controlmap dataset\n\nWho controlled each settlement of the Nagorno-Karabakh region on each date, with sources.\n\n")
	b.WriteString("CSV files are UTF-8 with a byte order mark (for Excel), comma-separated, with a header row; an empty cell is an unknown value. ")
	b.WriteString("Several sources of one change are joined by \"" + SourceSeparator + "\" in one cell, in the same order in every such column.\n\n")
	b.WriteString("- settlements.geojson, settlements.csv: every settlement with its latest known controller.\n")
	b.WriteString("- changes.geojson, changes.csv: every recorded change of control, retracted ones included (they no longer count).\n")
	b.WriteString("- sources.csv: one row per source of a change.\n- actors.csv, actors.json: the sides.\n\n")
	for _, t := range []struct {
		file    string
		columns []Column
	}{{"settlements.csv (and the properties of settlements.geojson)", Columns}, {"changes.csv (and changes.geojson)", ChangeColumns}, {"sources.csv", SourceColumns}, {"actors.csv", ActorColumns}} {
		writeColumnTable(&b, t.file, t.columns)
	}
	b.WriteString("## Attribution and licence\n\n" + Attribution() + "\n\nLicence: " + Licence + ".\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writeColumnTable writes a Markdown table of columns.
func writeColumnTable(b *bytes.Buffer, title string, columns []Column) {
	b.WriteString("## " + title + "\n\n| column | type | meaning |\n|---|---|---|\n")
	for _, c := range columns {
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", c.Name, strings.ToLower(string(c.Type)), c.Doc)
	}
	b.WriteString("\n")
}
