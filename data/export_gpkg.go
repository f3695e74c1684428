package data

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
)

// GeoPackage identifiers (OGC 12-128r18, GeoPackage 1.3).
const (
	gpkgApplicationID = 0x47504B47 // "GPKG"
	gpkgUserVersion   = 10300
	wgs84             = 4326
)

// gpkgSchema creates the tables every GeoPackage has, with the spatial reference systems the
// spec requires.
const gpkgSchema = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
`

// WriteSnapshotGeoPackage writes the snapshot of day as a GeoPackage: the feature table
// settlements (the flat Columns and a point), and the attribute tables changes (every change,
// retracted ones included) and sources (one row per source of a change). SQLite needs a file,
// so it is built in a temporary file, then copied to w.
func WriteSnapshotGeoPackage(w io.Writer, ix *geo.Index, day geo.Day) error {
	dir, err := os.MkdirTemp("", "controlmap-gpkg-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := dir + "/snapshot.gpkg"
	if err := buildGeoPackage(path, ix, day); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// buildGeoPackage writes the GeoPackage file at path in one transaction.
func buildGeoPackage(path string, ix *geo.Index, day geo.Day) error {
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_journal_mode=OFF&_sync=OFF")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	stmts := []string{fmt.Sprintf("PRAGMA application_id = %d", gpkgApplicationID), fmt.Sprintf("PRAGMA user_version = %d", gpkgUserVersion)}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fillGeoPackage(ctx, tx, ix, day); err != nil {
		return err
	}
	return tx.Commit()
}

// fillGeoPackage creates and fills every table.
func fillGeoPackage(ctx context.Context, tx *sql.Tx, ix *geo.Index, day geo.Day) error {
	if _, err := tx.ExecContext(ctx, gpkgSchema); err != nil {
		return err
	}
	for _, step := range []func(context.Context, *sql.Tx, *geo.Index, geo.Day) error{gpkgSettlements, gpkgChanges} {
		if err := step(ctx, tx, ix, day); err != nil {
			return err
		}
	}
	return nil
}

// gpkgSettlements writes the settlements feature table.
func gpkgSettlements(ctx context.Context, tx *sql.Tx, ix *geo.Index, day geo.Day) error {
	if err := gpkgTable(ctx, tx, "settlements", Columns, true); err != nil {
		return err
	}
	states, err := Snapshot(ix, day, nil)
	if err != nil {
		return err
	}
	if err := gpkgContents(ctx, tx, ix, "settlements", "features", "Who controlled each settlement on "+day.String(), boundOf(states)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns VALUES ('settlements', 'geom', 'POINT', ?, 0, 0)`, wgs84); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, gpkgInsert("settlements", Columns, true))
	if err != nil {
		return err
	}
	defer ins.Close()
	b := newPropsBuilder(ix)
	for _, st := range states {
		p := b.props(st)
		blob, err := gpkgPoint(p.Lon, p.Lat)
		if err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, append([]any{blob}, rowValues(Columns, &p)...)...); err != nil {
			return err
		}
	}
	return nil
}

// gpkgChanges writes the changes and sources attribute tables, reading the changes once.
func gpkgChanges(ctx context.Context, tx *sql.Tx, ix *geo.Index, _ geo.Day) error {
	all, err := AllChanges(ix)
	if err != nil {
		return err
	}
	if err := gpkgAttributes(ctx, tx, ix, "changes", "Every recorded change of control, retracted ones included", ChangeColumns, flatChanges(ix, all)); err != nil {
		return err
	}
	return gpkgAttributes(ctx, tx, ix, "sources", "The sources of each change", SourceColumns, flatSources(all))
}

// gpkgAttributes creates an attribute table of columns and fills it with rows.
func gpkgAttributes[T any](ctx context.Context, tx *sql.Tx, ix *geo.Index, name, desc string, columns []Column, rows []T) error {
	if err := gpkgTable(ctx, tx, name, columns, false); err != nil {
		return err
	}
	if err := gpkgContents(ctx, tx, ix, name, "attributes", desc, nil); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, gpkgInsert(name, columns, false))
	if err != nil {
		return err
	}
	defer ins.Close()
	for i := range rows {
		if _, err := ins.ExecContext(ctx, rowValues(columns, &rows[i])...); err != nil {
			return err
		}
	}
	return nil
}

// gpkgTable creates a user table: fid, the point geometry geom when withGeom, then columns.
func gpkgTable(ctx context.Context, tx *sql.Tx, name string, columns []Column, withGeom bool) error {
	defs := []string{"fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"}
	if withGeom {
		defs = append(defs, "geom POINT")
	}
	for _, c := range columns {
		defs = append(defs, `"`+c.Name+`" `+string(c.Type))
	}
	_, err := tx.ExecContext(ctx, "CREATE TABLE "+name+" ("+strings.Join(defs, ", ")+")")
	return err
}

// gpkgInsert is the INSERT statement of a user table.
func gpkgInsert(name string, columns []Column, withGeom bool) string {
	var names []string
	if withGeom {
		names = append(names, "geom")
	}
	for _, c := range columns {
		names = append(names, `"`+c.Name+`"`)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ")
	return "INSERT INTO " + name + " (" + strings.Join(names, ", ") + ") VALUES (" + marks + ")"
}

// gpkgContents registers a table; its last_change is when the data last changed, so the same
// data gives the same file.
func gpkgContents(ctx context.Context, tx *sql.Tx, ix *geo.Index, name, kind, desc string, b *orb.Bound) error {
	changed := ix.UpdatedAt().Format("2006-01-02T15:04:05.000Z")
	var srs, minX, minY, maxX, maxY any
	if b != nil {
		srs, minX, minY, maxX, maxY = wgs84, b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		name, kind, name, desc, changed, minX, minY, maxX, maxY, srs)
	return err
}

// gpkgPoint is a point in GeoPackage binary: the GP header (version 0, little endian, no
// envelope, the SRS id) followed by the point's WKB.
func gpkgPoint(lon, lat float64) ([]byte, error) {
	b, err := wkb.Marshal(geom.NewPointFlat(geom.XY, []float64{lon, lat}), binary.LittleEndian)
	if err != nil {
		return nil, err
	}
	header := []byte{'G', 'P', 0, 0x01, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(header[4:], wgs84)
	return append(header, b...), nil
}

// rowValues are the values of columns in row, as SQL arguments.
func rowValues(columns []Column, row any) []any {
	out := make([]any, len(columns))
	for i, c := range columns {
		out[i] = c.Value(row)
	}
	return out
}

// boundOf is the bounding box of the states' points, nil when there are none.
func boundOf(states []geo.State) *orb.Bound {
	if len(states) == 0 {
		return nil
	}
	b := states[0].Settlement.Point.Bound()
	for _, st := range states[1:] {
		b = b.Extend(st.Settlement.Point)
	}
	return &b
}
