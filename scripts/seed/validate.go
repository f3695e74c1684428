package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/controlmap/controlmap/data"
)

// Region bbox of SOURCES.md: every seed point must fall inside it.
const minLon, maxLon, minLat, maxLat = 44.5, 47.5, 38.5, 41.0

// validate checks the rendered seed files as a fresh install will read them: imported by
// controlmap's own importers into a throwaway database, so any row the server would refuse
// fails here with its file, line and field. It adds what only the seed promises: every point
// in the region, Azerbaijan as de jure country, every source with its publisher.
func validate(s *seed, files map[string][]byte) error {
	errs := []error{importAll(files)}
	for _, st := range s.Settlements {
		if st.Lon < minLon || st.Lon > maxLon || st.Lat < minLat || st.Lat > maxLat || st.Country != "AZ" {
			errs = append(errs, fmt.Errorf("settlement %s: point %v,%v or country %q outside the region", st.ID, st.Lon, st.Lat, st.Country))
		}
	}
	for _, c := range s.Changes {
		for _, src := range c.Sources {
			if src.Publisher == "" {
				errs = append(errs, fmt.Errorf("change %s: source %q without a publisher", c.ID, src.Title))
			}
		}
	}
	return errors.Join(errs...)
}

// importAll imports actors, settlements and changes, in that order, into a new database.
func importAll(files map[string][]byte) error {
	dir, err := os.MkdirTemp("", "controlmap-seed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(dir, "check.db"), data.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	for _, kind := range []string{data.ImportActors, data.ImportSettlements, data.ImportChanges} {
		name := kind + ".csv"
		if _, err := st.Import(ctx, kind, name, bytes.NewReader(files[name])); err != nil {
			return err
		}
	}
	return nil
}
