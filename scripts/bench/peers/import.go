package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/mattn/go-sqlite3" // the generated database
)

// measureImport exports the first settlements of the dataset (all of them by default) with
// their changes as import CSVs and imports them as a user would: actors, settlements, then the
// changes, into a new database, timing the import of the changes (wall and CPU time, peak
// RSS).
func measureImport(ctx context.Context, o options, r *result, db, dir string) error {
	n := r.data.settlements
	if o.importSettlements > 0 {
		n = min(o.importSettlements, n)
	}
	logf("import: exporting %d settlements as CSV", n)
	files, changes, err := exportCSV(ctx, db, filepath.Join(dir, "import"), n)
	if err != nil {
		return err
	}
	fresh := filepath.Join(dir, "import", "import.db")
	for _, kind := range []string{"actors", "settlements", "changes"} {
		use, err := runUsage(ctx, 15*time.Minute, o.bin, "import", "--db", fresh, "--seed=false", kind, files[kind])
		if err != nil {
			return err
		}
		logf("import: %s in %.1f s (CPU %.1f s, peak RSS %d MB)", kind, use.wall.Seconds(), use.cpu.Seconds(), use.peakRSS>>20)
		if kind == "changes" {
			r.importUse, r.importChanges = use, changes
		}
	}
	return nil
}

// usage is what a command took: wall and CPU (user and system) time, and its peak RSS.
type usage struct {
	wall, cpu time.Duration
	peakRSS   int64
}

// runUsage runs a command (output to stderr, killed after limit) and returns what it took.
func runUsage(ctx context.Context, limit time.Duration, name string, args ...string) (usage, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return usage{}, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	u := usage{wall: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.peakRSS = ru.Maxrss << 10 // KiB on Linux
	}
	return u, nil
}

// exportQueries select the import files' rows; sources give one changes row each.
var exportQueries = map[string]string{
	"actors": `SELECT id, name_en, name_az, name_hy, name_ru, color FROM actors ORDER BY id`,
	"settlements": `SELECT id, name_en, name_az, name_hy, name_ru, district, country, lon, lat, population,
		geonames_id, wikipedia_url, place FROM settlements WHERE seq <= ? ORDER BY seq`,
	"changes": `SELECT c.id, c.settlement_id, c.date, c.controller, c.kind, c.status, s.title, s.publisher, s.url,
		s.published, c.note FROM changes c JOIN sources s ON s.change_id = c.id
		JOIN settlements st ON st.id = c.settlement_id WHERE st.seq <= ? ORDER BY c.id, s.position`,
}

var exportHeaders = map[string][]string{
	"actors":      {"id", "name_en", "name_az", "name_hy", "name_ru", "color"},
	"settlements": {"id", "name_en", "name_az", "name_hy", "name_ru", "district", "country", "lon", "lat", "population", "geonames_id", "wikipedia_url", "place"},
	"changes":     {"id", "settlement_id", "date", "controller", "kind", "status", "source_title", "source_publisher", "source_url", "source_date", "note"},
}

func exportCSV(ctx context.Context, db, dir string, n int) (map[string]string, int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, err
	}
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		return nil, 0, err
	}
	defer conn.Close()
	files := map[string]string{}
	for kind, q := range exportQueries {
		files[kind] = filepath.Join(dir, kind+".csv")
		if err := exportRows(ctx, conn, files[kind], exportHeaders[kind], q, n); err != nil {
			return nil, 0, fmt.Errorf("export %s: %w", kind, err)
		}
	}
	var changes int
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM changes c JOIN settlements st ON st.id = c.settlement_id
		WHERE st.seq <= ?`, n).Scan(&changes)
	return files, changes, err
}

func exportRows(ctx context.Context, conn *sql.DB, path string, header []string, q string, n int) error {
	rows, err := conn.QueryContext(ctx, q, n)
	if err != nil {
		return err
	}
	defer rows.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write(header)
	vals := make([]sql.NullString, len(header))
	ptrs := make([]any, len(header))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	rec := make([]string, len(header))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			rec[i] = v.String
		}
		blankZeros(header, rec)
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return rows.Err()
}

// blankZeros writes unknown numbers as empty fields, as the import files do.
func blankZeros(header, rec []string) {
	for i, h := range header {
		if (h == "population" || h == "geonames_id") && rec[i] == "0" {
			rec[i] = ""
		}
		if h == "lon" || h == "lat" {
			if f, err := strconv.ParseFloat(rec[i], 64); err == nil {
				rec[i] = strconv.FormatFloat(f, 'f', -1, 64)
			}
		}
	}
}
