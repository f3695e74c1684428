package data

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/controlmap/controlmap/geo"
)

// The kinds of file Import takes.
const (
	ImportActors      = "actors"
	ImportSettlements = "settlements"
	ImportChanges     = "changes"
)

// ImportOptions tune ImportWith.
type ImportOptions struct {
	// Progress, if not nil, is called as the records are written, with how many are done out of
	// total (the records that differ from the stored ones). Reading shows as the bytes the
	// caller's reader hands over.
	Progress func(done, total int)
	// Size, if not 0, is the size of the file in bytes, from which the reader makes room for its
	// records at once.
	Size int64
}

// ImportFile imports the file at path as kind (actors, settlements or changes), all rows in one
// transaction, and returns how many records it read. Any bad row fails the whole file.
func (s *Store) ImportFile(ctx context.Context, kind, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return s.ImportWith(ctx, kind, path, f, ImportOptions{Size: info.Size()})
}

// Import imports r, named file, as ImportFile does. Settlements may be CSV or GeoJSON (by the
// file's extension, .geojson or .json).
func (s *Store) Import(ctx context.Context, kind, file string, r io.Reader) (int, error) {
	return s.ImportWith(ctx, kind, file, r, ImportOptions{})
}

// ImportWith imports r, named file, as Import does, with options. An import that writes bulk
// records or more is recorded in the audit trail as one revision holding the whole file.
func (s *Store) ImportWith(ctx context.Context, kind, file string, r io.Reader, opts ImportOptions) (int, error) {
	origin := "import " + kind + " " + filepath.Base(file)
	kept, r := keepFile(file, r)
	defer kept.close()
	switch kind {
	case ImportActors:
		actors, err := ReadActorsCSV(file, r)
		if err != nil {
			return 0, err
		}
		return len(actors), s.importLocked(ctx, kept, len(actors), func() error {
			return s.putActors(ctx, origin, actors, kept)
		})
	case ImportSettlements:
		settlements, err := readSettlementsFile(file, r)
		if err != nil {
			return 0, err
		}
		return len(settlements), s.importLocked(ctx, kept, len(settlements), func() error {
			return s.putSettlements(ctx, origin, settlements, kept, opts.Progress)
		})
	case ImportChanges:
		return s.importChanges(ctx, origin, file, r, kept, opts)
	}
	return 0, geo.Invalidf("kind", "%q is not one of actors, settlements, changes", kind)
}

// importLocked finishes the copy of the file of n records and runs write holding writeMu,
// after catching up with other connections' writes.
func (s *Store) importLocked(ctx context.Context, kept *keptFile, n int, write func() error) error {
	if err := kept.finish(n); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return err
	}
	return write()
}

// readSettlementsFile reads settlements as CSV or GeoJSON, by the extension of file.
func readSettlementsFile(file string, r io.Reader) ([]geo.Settlement, error) {
	if formatOf(file) == "geojson" {
		return ReadSettlementsGeoJSON(file, r)
	}
	return ReadSettlementsCSV(file, r)
}

func (s *Store) importChanges(ctx context.Context, origin, file string, r io.Reader, kept *keptFile, opts ImportOptions) (int, error) {
	changes, lines, err := readChangesCSV(file, r, s.Today(), opts.Size)
	if err != nil {
		return 0, err
	}
	n := len(changes)
	err = s.importLocked(ctx, kept, n, func() error {
		for i := range changes { // the reader validated them: check their references against the current data
			if err := s.checkRefsAfter(changes, i); err != nil {
				return atLine(file, lines[i], "", err)
			}
		}
		if err := s.putChanges(ctx, origin, changes, kept, opts.Progress); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// checkRefsAfter checks the references of changes[i] as checkRefs does, but not its settlement
// when the change before has the same, checked already (in a file written by id, the changes of
// a settlement come together).
func (s *Store) checkRefsAfter(changes []geo.Change, i int) error {
	c := &changes[i]
	if i == 0 || c.SettlementID != changes[i-1].SettlementID {
		if err := s.checkSettlement(c.SettlementID); err != nil {
			return err
		}
	}
	return s.checkController(c.Controller)
}
