package data

import (
	"io"

	"github.com/controlmap/controlmap/geo"
)

// Format is a file format a snapshot can be written in. The API and the CLI write snapshots
// through the same Format, so both give the same bytes for a date.
type Format struct {
	Name      string // as in --format and the file extension
	MediaType string
	write     func(io.Writer, *geo.Index, geo.Day) error
}

// Formats are the snapshot formats, in the order the documentation lists them.
var Formats = []Format{
	{Name: "geojson", MediaType: "application/geo+json", write: func(w io.Writer, ix *geo.Index, d geo.Day) error { return WriteSnapshot(w, ix, d, nil) }},
	{Name: "csv", MediaType: "text/csv; charset=utf-8; header=present", write: WriteSnapshotCSV},
	{Name: "kml", MediaType: "application/vnd.google-earth.kml+xml", write: WriteSnapshotKML},
	{Name: "gpkg", MediaType: "application/geopackage+sqlite3", write: WriteSnapshotGeoPackage},
}

// FormatNamed returns the format called name.
func FormatNamed(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames lists the names of Formats.
func FormatNames() []string {
	out := make([]string, len(Formats))
	for i, f := range Formats {
		out[i] = f.Name
	}
	return out
}

// Write writes the snapshot of day over ix in format f.
func (f Format) Write(w io.Writer, ix *geo.Index, day geo.Day) error { return f.write(w, ix, day) }

// FileName is the dated name of the snapshot of day in format f.
func (f Format) FileName(day geo.Day) string { return "controlmap-" + day.String() + "." + f.Name }
