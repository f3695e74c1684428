package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/controlmap/controlmap/geo"
)

// RowError is a bad row of an imported file: FILE:LINE: field: reason, followed by the item at
// fault when a line may hold several (a GeoJSON feature).
type RowError struct {
	File string
	Line int
	Item string // "feature 3", or empty
	Err  *geo.Error
}

func (e *RowError) Error() string {
	msg := fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Err.Field, e.Err.Message)
	if e.Item != "" {
		msg += " (" + e.Item + ")"
	}
	return msg
}

// Unwrap gives the domain error, so geo.KindOf sees Invalid.
func (e *RowError) Unwrap() error { return e.Err }

// atLine places err at a line of file; errors that are not *geo.Error count against field.
func atLine(file string, line int, field string, err error) error {
	var ge *geo.Error
	if !errors.As(err, &ge) {
		ge = geo.Invalidf(field, "%v", err)
	}
	return &RowError{File: file, Line: line, Err: ge}
}

// row is one record of a CSV file, read by column name.
type row struct {
	line   int
	cols   map[string]int
	fields []string
}

func (r row) get(col string) string {
	i, ok := r.cols[col]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// readCSV reads a CSV file with a header row, checks its columns and calls fn for each record.
// Every column in required must be present; any other column must be in optional. The records
// are parsed by a goroutine of its own, a few batches ahead of fn; fn sees them, and the
// first error, in the order of the file, and readCSV returns only once that goroutine is done
// with r.
func readCSV(file string, r io.Reader, required, optional []string, fn func(row) error) error {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return atLine(file, 1, "header", errors.New("the file is empty"))
		}
		return csvError(file, "header", err)
	}
	cols, err := columns(header, required, optional)
	if err != nil {
		return atLine(file, 1, "header", err)
	}
	batches, stop := make(chan csvBatch, 4), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); parseRows(file, cr, cols, batches, stop) }()
	defer func() { close(stop); wg.Wait() }()
	for b := range batches {
		for _, rw := range b.rows {
			if err := fn(rw); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
}

// csvBatch is some rows of a file, in order, and the error that ended the file, if any.
type csvBatch struct {
	rows []row
	err  error
}

// csvBatchRows is how many rows a csvBatch holds.
const csvBatchRows = 512

// parseRows sends the rows of cr to batches, closing it at the end of the file or after an
// error, until stop is closed. The fields of a batch's rows share one slice: the reader reuses
// its record, which parseRows copies, instead of making a slice per row.
func parseRows(file string, cr *csv.Reader, cols map[string]int, batches chan<- csvBatch, stop <-chan struct{}) {
	defer close(batches)
	cr.ReuseRecord = true
	for {
		b := csvBatch{rows: make([]row, 0, csvBatchRows)}
		all := make([]string, 0, csvBatchRows*len(cols))
		for len(b.rows) < csvBatchRows && b.err == nil {
			fields, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.err = csvError(file, "row", err)
				break
			}
			line, _ := cr.FieldPos(0)
			all = append(all, fields...)
			b.rows = append(b.rows, row{line: line, cols: cols, fields: all[len(all)-len(fields) : len(all) : len(all)]})
		}
		select {
		case batches <- b:
		case <-stop:
			return
		}
		if len(b.rows) < csvBatchRows || b.err != nil {
			return
		}
	}
}

// csvError places an error of the CSV reader at the line it names. A record that does not parse
// has no fields to ask the position of.
func csvError(file, field string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return atLine(file, 1, field, err)
	}
	return atLine(file, pe.Line, field, fmt.Errorf("column %d: %w", pe.Column, pe.Err))
}

func columns(header, required, optional []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !slices.Contains(required, h) && !slices.Contains(optional, h) {
			return nil, fmt.Errorf("unknown column %q (expected %s)", geo.Shorten(h), strings.Join(append(required, optional...), ","))
		}
		if _, dup := cols[h]; dup {
			return nil, fmt.Errorf("column %q appears twice", h)
		}
		cols[h] = i
	}
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			return nil, fmt.Errorf("missing column %q", c)
		}
	}
	return cols, nil
}
