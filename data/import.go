package data

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// The kinds of file Import takes.
const (
	ImportActors      = "actors"
	ImportSettlements = "settlements"
	ImportChanges     = "changes"
)

// ImportFile imports the file at path as kind (actors, settlements or changes), all rows in one
// transaction, and returns how many records it read. Any bad row fails the whole file.
func (s *Store) ImportFile(ctx context.Context, kind, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return s.Import(ctx, kind, path, f)
}

// Import imports r, named file, as ImportFile does. Settlements may be CSV or GeoJSON (by the
// file's extension, .geojson or .json).
func (s *Store) Import(ctx context.Context, kind, file string, r io.Reader) (int, error) {
	origin := "import " + kind + " " + filepath.Base(file)
	switch kind {
	case ImportActors:
		actors, err := ReadActorsCSV(file, r)
		if err != nil {
			return 0, err
		}
		return len(actors), s.PutActors(ctx, origin, actors)
	case ImportSettlements:
		settlements, err := s.readSettlementsFile(file, r)
		if err != nil {
			return 0, err
		}
		return len(settlements), s.PutSettlements(ctx, origin, settlements)
	case ImportChanges:
		return s.importChanges(ctx, origin, file, r)
	}
	return 0, geo.Invalidf("kind", "%q is not one of actors, settlements, changes", kind)
}

func (s *Store) readSettlementsFile(file string, r io.Reader) ([]geo.Settlement, error) {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".geojson", ".json":
		return ReadSettlementsGeoJSON(file, r)
	}
	return ReadSettlementsCSV(file, r)
}

func (s *Store) importChanges(ctx context.Context, origin, file string, r io.Reader) (int, error) {
	changes, lines, err := ReadChangesCSV(file, r, s.Today())
	if err != nil {
		return 0, err
	}
	if err := s.Sync(ctx); err != nil { // check the references against the current data
		return 0, err
	}
	for i := range changes {
		if err := s.checkChange(&changes[i]); err != nil {
			return 0, atLine(file, lines[changes[i].ID], "", err)
		}
	}
	if err := s.PutChanges(ctx, origin, changes); err != nil {
		return 0, fmt.Errorf("%s: %w", file, err)
	}
	return len(changes), nil
}
