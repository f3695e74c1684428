package data

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/controlmap/controlmap/geo"
)

// utf8BOM opens every CSV file: without it Excel reads UTF-8 as a legacy code page and garbles
// the Armenian, Azerbaijani and Russian names; GDAL, pandas, R, Google Sheets, Datawrapper and
// Flourish skip it.
const utf8BOM = "\uFEFF"

// WriteSnapshotCSV writes the snapshot of day as CSV: a header of Columns, then one row per
// settlement in id order.
func WriteSnapshotCSV(w io.Writer, ix *geo.Index, day geo.Day) error {
	states, err := Snapshot(ix, day, nil)
	if err != nil {
		return err
	}
	return writeCSV(w, Columns, settlementRows(ix, states))
}

// writeCSV writes rows as CSV with a BOM and a header of columns (columns of T).
func writeCSV[T any](w io.Writer, columns []Column, rows []T) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	record := make([]string, len(columns))
	for i, c := range columns {
		record[i] = c.Name
	}
	cw.Write(record)
	for i := range rows {
		for j, c := range columns {
			record[j] = formatValue(c.Value(&rows[i]))
		}
		cw.Write(record)
	}
	cw.Flush()
	return cw.Error()
}

// formatValue writes a column value as text: "" for an absent value, numbers in full precision.
func formatValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}
