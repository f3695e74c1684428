package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb/maptile"
)

// pgLoad creates the periods table from the CSV, with its geometry in WGS 84 and Web Mercator
// and its days as a range, each with a GiST index.
const pgLoad = `
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE UNLOGGED TABLE periods_csv (sid text, name text, name_en text, name_az text, name_hy text, name_ru text,
	district text, rank int, from_day int, to_day int, controller text, status text, change text, kind text,
	since text, lon float8, lat float8);
\copy periods_csv FROM '%s' WITH (FORMAT csv)
CREATE TABLE periods AS SELECT sid, name, NULLIF(name_en, '') AS name_en, NULLIF(name_az, '') AS name_az,
	NULLIF(name_hy, '') AS name_hy, NULLIF(name_ru, '') AS name_ru, district, rank, from_day, to_day,
	controller, status, change, kind, since, int4range(from_day, to_day) AS during,
	ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom,
	ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 3857) AS geom3857
	FROM periods_csv;
DROP TABLE periods_csv;
CREATE INDEX periods_during ON periods USING gist (during);
CREATE INDEX periods_geom3857 ON periods USING gist (geom3857);
ANALYZE periods;
`

// pgSnapshot is the as-of snapshot as one GeoJSON FeatureCollection, with the properties
// controlmap's snapshot carries (actor names aside).
const pgSnapshot = `PREPARE snap(int) AS SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(
	json_build_object('type', 'Feature', 'id', sid, 'geometry', ST_AsGeoJSON(geom)::json, 'properties',
	json_build_object('id', sid, 'name', name, 'names', json_strip_nulls(json_build_object('en', name_en, 'az', name_az,
	'hy', name_hy, 'ru', name_ru)), 'district', district, 'controller_id', NULLIF(controller, ''),
	'controlled_since', NULLIF(since, ''), 'status', NULLIF(status, ''), 'change_id', NULLIF(change, ''))) ORDER BY sid))
	FROM periods WHERE during @> $1;
PREPARE asof(int) AS SELECT count(*), count(NULLIF(controller, '')) FROM periods WHERE during @> $1;
`

// pgTile is the settlements tile as pg_tileserv or Martin would build it: every period in the
// tile and its 128-unit buffer, with the tiles' properties, through ST_AsMVT.
const pgTile = `PREPARE tile(int, int, int) AS SELECT length(ST_AsMVT(q, 'settlements', 4096, 'geom')) FROM (
	SELECT ST_AsMVTGeom(geom3857, ST_TileEnvelope($1, $2, $3), 4096, 128, true) AS geom, sid, name, name_en,
	name_az, name_hy, name_ru, district, rank, from_day AS "from", to_day AS "to", controller, status, change, kind, since
	FROM periods WHERE geom3857 && ST_TileEnvelope($1, $2, $3, margin => 128.0 / 4096)) q;
`

// measurePostGIS starts PostgreSQL in dir as the postgres user, loads the periods and times
// the same snapshots and tiles.
func measurePostGIS(ctx context.Context, o options, r *result, dir string, tiles []maptile.Tile) error {
	pg, port, err := startPostgres(ctx, o, dir)
	if err != nil {
		return err
	}
	defer pg.stop()
	logf("loading the periods into PostGIS")
	start := time.Now()
	if _, err := psql(ctx, port, 30*time.Minute, fmt.Sprintf(pgLoad, filepath.Join(dir, "periods.csv"))); err != nil {
		return err
	}
	r.pgLoad = time.Since(start)
	logf("PostGIS snapshots and tiles")
	script := pgSnapshot + pgTile + "\\timing on\n\\o /dev/null\n"
	for _, date := range snapshotDates {
		day, _ := geo.ParseDay(date)
		script += fmt.Sprintf("EXECUTE snap(%d);\n", day)
	}
	for _, date := range snapshotDates {
		day, _ := geo.ParseDay(date)
		script += fmt.Sprintf("EXECUTE asof(%d);\n", day)
	}
	script += fmt.Sprintf("\\o %s\n", filepath.Join(dir, "pg-tiles.txt"))
	for _, t := range tiles {
		script += fmt.Sprintf("EXECUTE tile(%d, %d, %d);\n", t.Z, t.X, t.Y)
	}
	times, err := psql(ctx, port, 30*time.Minute, script)
	if err != nil {
		return err
	}
	n, m := len(snapshotDates), 2*len(snapshotDates)
	if len(times) != m+len(tiles) {
		return fmt.Errorf("psql: %d timings, want %d", len(times), m+len(tiles))
	}
	r.pgSnapshot, r.pgAsOf, r.pgTiles, r.pgTileTimes = times[:n], times[n:m], tiles, times[m:]
	if err := checkSameAnswer(ctx, r, port); err != nil {
		return err
	}
	return readTileSizes(r, filepath.Join(dir, "pg-tiles.txt"))
}

// checkSameAnswer checks that PostGIS finds as many settlements as controlmap on the last date.
func checkSameAnswer(ctx context.Context, r *result, port int) error {
	day, _ := geo.ParseDay(snapshotDates[len(snapshotDates)-1])
	out, err := psqlOut(ctx, port, fmt.Sprintf("SELECT count(*) FROM periods WHERE during @> %d;", day))
	if err != nil {
		return err
	}
	if got := strings.TrimSpace(out); got != strconv.Itoa(r.snapshotCount) {
		return fmt.Errorf("PostGIS has %s settlements on %s, controlmap %d", got, snapshotDates[len(snapshotDates)-1], r.snapshotCount)
	}
	return nil
}

func psqlOut(ctx context.Context, port int, query string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "psql", "-X", "-At", "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-U", "postgres",
		"-d", "postgres", "-c", query).Output()
	return string(out), err
}

func readTileSizes(r *result, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, line := range strings.Fields(string(b)) {
		n, _ := strconv.Atoi(line)
		r.pgTileMax = max(r.pgTileMax, n)
	}
	return nil
}

// startPostgres creates a cluster in dir/pg and starts it on a loopback port, as the postgres
// user (PostgreSQL refuses to run as root).
func startPostgres(ctx context.Context, o options, dir string) (*proc, int, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, 0, fmt.Errorf("no postgres user (install postgresql-15): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	pgDir := filepath.Join(dir, "pg")
	if err := os.MkdirAll(pgDir, 0o755); err != nil {
		return nil, 0, err
	}
	if err := os.Chown(pgDir, uid, gid); err != nil {
		return nil, 0, err
	}
	asPostgres := &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, Setpgid: true}
	initdb := exec.CommandContext(ctx, filepath.Join(o.pgBin, "initdb"), "-D", filepath.Join(pgDir, "data"), "-A", "trust", "-U", "postgres", "--no-sync")
	initdb.SysProcAttr = asPostgres
	initdb.Dir = pgDir
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, 0, fmt.Errorf("initdb: %w: %s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return nil, 0, err
	}
	p, err := startAs(asPostgres, "postgres", filepath.Join(dir, "postgres.log"), filepath.Join(o.pgBin, "postgres"),
		"-D", filepath.Join(pgDir, "data"), "-p", strconv.Itoa(port), "-k", pgDir, "-c", "listen_addresses=127.0.0.1",
		"-c", "fsync=off", "-c", "jit=off", "-c", "work_mem=64MB", "-c", "max_wal_size=4GB")
	if err != nil {
		return nil, 0, err
	}
	return waitPostgres(ctx, p, port)
}

func waitPostgres(ctx context.Context, p *proc, port int) (*proc, int, error) {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if _, err := psql(ctx, port, 10*time.Second, "SELECT 1;"); err == nil {
			return p, port, nil
		}
		select {
		case err := <-p.done:
			return nil, 0, fmt.Errorf("postgres exited: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	p.stop()
	return nil, 0, fmt.Errorf("postgres: not ready within a minute")
}

var psqlTime = regexp.MustCompile(`(?m)^Time: ([0-9.]+) ms`)

// psql runs script on the loopback server and returns the durations \timing printed.
func psql(ctx context.Context, port int, limit time.Duration, script string) ([]time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
		"-p", strconv.Itoa(port), "-U", "postgres", "-d", "postgres")
	cmd.Stdin = strings.NewReader(script)
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c statement_timeout=300000")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("psql: %w: %s", err, tail(out))
	}
	var times []time.Duration
	for _, m := range psqlTime.FindAllSubmatch(out, -1) {
		ms, _ := strconv.ParseFloat(string(m[1]), 64)
		times = append(times, time.Duration(ms*float64(time.Millisecond)))
	}
	return times, nil
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
