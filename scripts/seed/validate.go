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

// Every seed point must fall inside this box: the region bbox of SOURCES.md,
// widened east to 48.5 E for the eastern villages of Aghdam, Fuzuli and
// Tartar districts (GeoNames also files one Fuzuli village at 48.1 E).
const minLon, maxLon, minLat, maxLat = 44.5, 48.5, 38.5, 41.0

// checked is the seed imported into a throwaway database.
type checked struct {
	store *data.Store
	dir   string
}

// close closes and removes the throwaway database.
func (c *checked) close() {
	c.store.Close()
	os.RemoveAll(c.dir)
}

// validate checks the rendered seed files as a fresh install will read them: imported by
// controlmap's own importers into a throwaway database, so any row the server would refuse
// fails here with its file, line and field. It adds what only the seed promises: every point
// in the region, Azerbaijan as de jure country, every change with a source and every source
// with its publisher. The caller closes the database.
func validate(s *seed, files map[string][]byte) (*checked, error) {
	var errs []error
	for _, st := range s.Settlements {
		if st.Lon < minLon || st.Lon > maxLon || st.Lat < minLat || st.Lat > maxLat || st.Country != "AZ" {
			errs = append(errs, fmt.Errorf("settlement %s: point %v,%v or country %q outside the region", st.ID, st.Lon, st.Lat, st.Country))
		}
	}
	for _, c := range s.Changes {
		errs = append(errs, checkSources(c))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return importAll(files)
}

// checkSources fails a change without a source or a source without a publisher.
func checkSources(c *change) error {
	if len(c.Sources) == 0 {
		return fmt.Errorf("change %s: no source", c.ID)
	}
	for _, src := range c.Sources {
		if src.Publisher == "" || src.Title == "" {
			return fmt.Errorf("change %s: source %q without a title or publisher", c.ID, src.URL)
		}
	}
	return nil
}

// importAll imports actors, settlements and changes, in that order, into a new database.
func importAll(files map[string][]byte) (*checked, error) {
	dir, err := os.MkdirTemp("", "controlmap-seed-")
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(dir, "check.db"), data.Options{})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	c := &checked{store: st, dir: dir}
	for _, kind := range []string{data.ImportActors, data.ImportSettlements, data.ImportChanges} {
		name := kind + ".csv"
		if _, err := st.Import(ctx, kind, name, bytes.NewReader(files[name])); err != nil {
			c.close()
			return nil, err
		}
	}
	return c, nil
}
