package data

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"

	"github.com/controlmap/controlmap/geo"
	orbgeo "github.com/paulmach/orb/geo"
)

// GeoNamesOptions tune ImportGeoNames.
type GeoNamesOptions struct {
	Filter GeoNamesFilter
	// Admin1Names names the districts by admin1 code ("AZ.03" → "Aghdam"). A place whose code
	// has no name gets the code itself ("AZ.03") as its district.
	Admin1Names map[string]string
	// Progress, if not nil, is called as the settlements are written, with how many are done
	// out of total (those that differ from the stored ones). (Reading shows as the bytes the
	// caller's reader hands over.)
	Progress func(done, total int)
	// MoveThreshold is the distance in metres beyond which an updated place is reported as
	// moved; 0 means 100 m.
	MoveThreshold float64
}

// GeoNamesReport says what an import did.
type GeoNamesReport struct {
	Read, Selected            int // rows of the dump; places kept by the filter
	Added, Updated, Unchanged int
	// Moved lists the settlements whose point the import moved by more than the threshold;
	// Differs, the curated settlements (see ImportGeoNames) that the dump places farther than
	// the threshold from their point, which stays. Both in the order of the dump.
	Moved, Differs []GeoNamesMove
}

// GeoNamesMove is an updated settlement whose point moved by more than the threshold.
type GeoNamesMove struct {
	ID         string
	GeoNamesID int64
	Meters     float64
}

// ImportGeoNamesFile imports the settlements of the GeoNames dump at path; see ImportGeoNames.
func (s *Store) ImportGeoNamesFile(ctx context.Context, path string, opts GeoNamesOptions) (GeoNamesReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return GeoNamesReport{}, err
	}
	defer f.Close()
	return s.ImportGeoNames(ctx, path, f, opts)
}

// ImportGeoNames imports the populated places of a GeoNames dump r, named file, that
// opts.Filter keeps, as settlements, in one transaction: any bad row fails the whole file and
// nothing is written. A new place gets an id of its own (see assignGeoNamesIDs). A place
// already stored with its geonames id keeps its settlement id, and then:
//
//   - if only GeoNames imports ever wrote it, the dump updates it (see mergeImported);
//   - if it is curated (the seed, a CSV or GeoJSON import or an editor wrote it at least once),
//     the dump only fills in what it lacks (see fillCurated): GeoNames' transliterations and
//     feature codes are no match for hand-checked names, places and points.
func (s *Store) ImportGeoNames(ctx context.Context, file string, r io.Reader, opts GeoNamesOptions) (GeoNamesReport, error) {
	places, err := ReadGeoNames(r, file)
	if err != nil {
		return GeoNamesReport{}, err
	}
	rep := GeoNamesReport{Read: len(places)}
	places = filterPlaces(places, opts.Filter)
	rep.Selected = len(places)
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.syncLocked(ctx); err != nil {
		return GeoNamesReport{}, err
	}
	settlements, err := s.planGeoNames(ctx, file, places, opts, &rep)
	if err != nil {
		return GeoNamesReport{}, err
	}
	if err := s.putSettlements(ctx, geoNamesOrigin+filepath.Base(file), settlements, nil, opts.Progress); err != nil {
		return GeoNamesReport{}, fmt.Errorf("%s: %w", file, err)
	}
	return rep, nil
}

// geoNamesOrigin starts the origin of every write of ImportGeoNames in the audit trail.
const geoNamesOrigin = "import geonames "

func filterPlaces(places []GeoNamesPlace, f GeoNamesFilter) []GeoNamesPlace {
	var out []GeoNamesPlace
	for _, p := range places {
		if f.Keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// planGeoNames turns places into the settlements to write, counting them in rep.
func (s *Store) planGeoNames(ctx context.Context, file string, places []GeoNamesPlace, opts GeoNamesOptions, rep *GeoNamesReport) ([]geo.Settlement, error) {
	stored := s.byGeoNamesID()
	imported, err := s.geoNamesOnly(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := assignGeoNamesIDs(file, places, opts.Admin1Names, stored, s.ix)
	if err != nil {
		return nil, err
	}
	out := make([]geo.Settlement, 0, len(places))
	for i, p := range places {
		old := stored[p.ID]
		st := planPlace(p, ids[i], old, old != nil && !imported[old.ID], opts, rep)
		if err := st.Validate(); err != nil {
			return nil, atLine(file, p.Line, "", err)
		}
		rep.count(old, st, opts.MoveThreshold)
		out = append(out, st)
	}
	return out, nil
}

// planPlace makes the settlement of p: new when old is nil, else old filled in (curated) or
// updated.
func planPlace(p GeoNamesPlace, id string, old *geo.Settlement, curated bool, opts GeoNamesOptions, rep *GeoNamesReport) geo.Settlement {
	st := settlementOfPlace(p, id, opts.Admin1Names)
	switch {
	case curated:
		rep.differs(*old, st, opts.MoveThreshold)
		return fillCurated(*old, st)
	case old != nil:
		return mergeImported(*old, st, hasDistrictName(p, opts.Admin1Names))
	}
	return st
}

// byGeoNamesID maps the geonames ids of the stored settlements to them.
func (s *Store) byGeoNamesID() map[int64]*geo.Settlement {
	out := map[int64]*geo.Settlement{}
	for _, e := range s.ix.Entries(nil) {
		if id := e.Settlement.GeoNamesID; id != 0 {
			out[id] = e.Settlement
		}
	}
	return out
}

// geoNamesOnly returns the ids of the settlements whose every revision comes from a GeoNames
// import (an origin that starts with geoNamesOrigin): none of them is in the file of a bulk
// import either (GeoNames imports record each settlement).
func (s *Store) geoNamesOnly(ctx context.Context) (map[string]bool, error) {
	ids, err := queryAll(ctx, s.conn, `SELECT entity_id FROM revisions WHERE entity = 'settlement' AND entity_id != ''
		GROUP BY entity_id HAVING min(substr(origin, 1, 16) = 'import geonames ') = 1`, nil,
		func(r *sql.Rows) (id string, err error) { return id, r.Scan(&id) })
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, s.dropImportedFromFiles(ctx, out)
}

// dropImportedFromFiles deletes from ids the settlements that a bulk import's file holds.
func (s *Store) dropImportedFromFiles(ctx context.Context, ids map[string]bool) error {
	revs, err := queryAll(ctx, s.conn, `SELECT seq, recorded_at, origin, entity_id, body, content FROM revisions
		WHERE entity = 'settlement' AND entity_id = '' AND content IS NOT NULL`, nil, scanRevision)
	for _, r := range revs {
		if err != nil || len(ids) == 0 {
			break
		}
		var settlements []geo.Settlement
		settlements, err = r.settlements()
		for _, st := range settlements {
			delete(ids, st.ID)
		}
	}
	return err
}

// differs notes a curated settlement that the dump places farther than threshold from its point.
func (rep *GeoNamesReport) differs(old, st geo.Settlement, threshold float64) {
	if d := orbgeo.Distance(old.Point, st.Point); d > moveThreshold(threshold) {
		rep.Differs = append(rep.Differs, GeoNamesMove{ID: old.ID, GeoNamesID: st.GeoNamesID, Meters: d})
	}
}

func moveThreshold(t float64) float64 {
	if t == 0 {
		return 100
	}
	return t
}

// count adds st, written over old (nil for a new settlement), to the report.
func (rep *GeoNamesReport) count(old *geo.Settlement, st geo.Settlement, threshold float64) {
	switch {
	case old == nil:
		rep.Added++
		return
	case reflect.DeepEqual(*old, st):
		rep.Unchanged++
		return
	}
	rep.Updated++
	if d := orbgeo.Distance(old.Point, st.Point); d > moveThreshold(threshold) {
		rep.Moved = append(rep.Moved, GeoNamesMove{ID: st.ID, GeoNamesID: st.GeoNamesID, Meters: d})
	}
}
