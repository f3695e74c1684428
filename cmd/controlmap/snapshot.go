package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

func snapshot(ctx context.Context, args []string) error {
	cfg := defaults()
	fs := newFlags("snapshot", &cfg)
	fs.StringVar(&cfg.Date, "date", "", "the date, YYYY-MM-DD (default today)")
	fs.StringVar(&cfg.Output, "o", "", "output file (default standard output)")
	if err := parse(fs, args); err != nil {
		return err
	}
	day := geo.DayOf(time.Now())
	if cfg.Date != "" {
		var err error
		if day, err = geo.ParseDay(cfg.Date); err != nil {
			return fmt.Errorf("--date: %w", err)
		}
	}
	st, err := data.Open(ctx, cfg.DB, data.Options{Seed: cfg.Seed})
	if err != nil {
		return err
	}
	defer st.Close()
	write := func(w io.Writer) error { return data.WriteSnapshot(w, st.Index(), day, nil) }
	if cfg.Output == "" {
		return write(os.Stdout)
	}
	return writeAtomic(cfg.Output, write)
}

// writeAtomic writes a file through a temporary one renamed into place, so that a failure
// never leaves a half-written file.
func writeAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
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
