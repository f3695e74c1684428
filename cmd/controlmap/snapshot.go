package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
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
	var out io.Writer = os.Stdout
	if cfg.Output != "" {
		f, err := os.Create(cfg.Output)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	enc := json.NewEncoder(out)
	return enc.Encode(data.SnapshotGeoJSON(st.Index(), day, nil, time.Now()))
}
