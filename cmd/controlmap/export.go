package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

// export writes a snapshot in any format, or with --all the whole dataset as a zip archive:
// the same bytes as /api/snapshots/{date}.{format} and /api/dataset.zip.
func export(ctx context.Context, args []string) error {
	cfg := defaults()
	fs := newFlags("export", &cfg)
	fs.StringVar(&cfg.Date, "date", "", "the date, YYYY-MM-DD (default today)")
	fs.StringVar(&cfg.Format, "format", "", "one of "+strings.Join(data.FormatNames(), ", ")+" (default: the extension of -o, else geojson)")
	fs.BoolVar(&cfg.All, "all", false, "write the whole dataset (every settlement, actor, change and source) as a zip archive")
	fs.StringVar(&cfg.Output, "o", "", "output file (default standard output)")
	if err := parse(fs, args); err != nil {
		return err
	}
	write, err := exporter(cfg)
	if err != nil {
		return err
	}
	st, err := data.Open(ctx, cfg.DB, data.Options{Seed: cfg.Seed})
	if err != nil {
		return err
	}
	defer st.Close()
	if cfg.Output == "" {
		return write(os.Stdout, st.Index())
	}
	return writeAtomic(cfg.Output, func(w io.Writer) error { return write(w, st.Index()) })
}

// exporter checks the flags of export and returns what writes the file.
func exporter(cfg config) (func(io.Writer, *geo.Index) error, error) {
	if cfg.All {
		if cfg.Date != "" || cfg.Format != "" {
			return nil, fmt.Errorf("--all: takes no --date or --format (the archive holds every date)")
		}
		return data.WriteDataset, nil
	}
	day, err := exportDay(cfg.Date)
	if err != nil {
		return nil, err
	}
	f, err := exportFormat(cfg.Format, cfg.Output)
	if err != nil {
		return nil, err
	}
	return func(w io.Writer, ix *geo.Index) error { return f.Write(w, ix, day) }, nil
}

func exportDay(date string) (geo.Day, error) {
	if date == "" {
		return geo.DayOf(time.Now()), nil
	}
	day, err := geo.ParseDay(date)
	if err != nil {
		return 0, fmt.Errorf("--date: %w", err)
	}
	return day, nil
}

// exportFormat is the format named name, or the one of output's extension, or GeoJSON.
func exportFormat(name, output string) (data.Format, error) {
	if name == "" {
		name = strings.TrimPrefix(filepath.Ext(output), ".")
		if _, ok := data.FormatNamed(name); !ok {
			name = "geojson"
		}
	}
	f, ok := data.FormatNamed(name)
	if !ok {
		return f, fmt.Errorf("--format: %q is not one of %s", name, strings.Join(data.FormatNames(), ", "))
	}
	return f, nil
}

// writeAtomic writes a file through a temporary one renamed into place, so that a failure
// never leaves a half-written file.
func writeAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err // the temporary name means nothing to the user
		}
		return fmt.Errorf("-o: %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
