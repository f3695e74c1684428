package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
)

// measureInProcess loads the dataset as controlmap does and times the as-of computation alone
// (Index.Snapshot) and with its GeoJSON encoding; with full it also profiles the snapshot and
// exports the periods for PostGIS.
func measureInProcess(ctx context.Context, o options, r *result, db, dir string, full bool) error {
	var st *data.Store
	open := func() (err error) {
		st, err = data.Open(ctx, db, data.Options{})
		return err
	}
	var err error
	if full {
		r.openProfile, err = profile(ctx, strings.TrimSuffix(o.profile, "snapshot.pprof")+"open.pprof", open)
	} else {
		err = open()
	}
	if err != nil {
		return err
	}
	defer func() {
		st.Close()
		runtime.GC()
		debug.FreeOSMemory()
	}()
	ix := st.Index()
	runtime.GC() // the loading's garbage is not the snapshot's cost
	for _, date := range snapshotDates {
		day, _ := geo.ParseDay(date)
		start := time.Now()
		states := ix.Snapshot(day, nil)
		r.asOf = append(r.asOf, time.Since(start))
		r.snapshotCount = len(states)
		start = time.Now()
		if err := data.WriteSnapshot(io.Discard, ix, day, nil); err != nil {
			return err
		}
		r.encode = append(r.encode, time.Since(start))
	}
	if !full {
		return nil
	}
	if err := profileSnapshot(ctx, r, ix, o.profile); err != nil {
		return err
	}
	logf("exporting periods for PostGIS")
	return exportPeriods(filepath.Join(dir, "periods.csv"), ix)
}

// profileSnapshot records a CPU profile of ten snapshots and keeps its top lines.
func profileSnapshot(ctx context.Context, r *result, ix *geo.Index, path string) error {
	top, err := profile(ctx, path, func() error {
		for i := range 10 {
			day, _ := geo.ParseDay(snapshotDates[i%len(snapshotDates)])
			if err := data.WriteSnapshot(io.Discard, ix, day, nil); err != nil {
				return err
			}
		}
		return nil
	})
	r.profilePath, r.profileTop = path, top
	return err
}

// profile runs fn under the CPU profiler, writes the profile to path and returns its top
// functions as go tool pprof lists them.
func profile(ctx context.Context, path string, fn func() error) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return "", err
	}
	err = fn()
	pprof.StopCPUProfile()
	f.Close()
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-cum", "-nodecount=20", `-hide=^main\.|^runtime\.main$`, path).Output()
	if err != nil {
		return path + ": pprof: " + err.Error(), nil
	}
	return path + "\n" + string(out), nil
}

// periodColumns are the columns of the periods CSV, in the order of the PostGIS table.
var periodColumns = []string{"sid", "name", "name_en", "name_az", "name_hy", "name_ru", "district", "rank",
	"from_day", "to_day", "controller", "status", "change", "kind", "since", "lon", "lat"}

// exportPeriods writes every control period with the properties the tiles carry.
func exportPeriods(path string, ix *geo.Index) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	for _, e := range ix.Entries(nil) {
		for _, p := range e.Timeline() {
			pp := tiles.NewPeriodProps(e.Settlement, p)
			w.Write([]string{pp.SID, pp.Name, pp.NameEn, pp.NameAz, pp.NameHy, pp.NameRu, pp.District,
				strconv.Itoa(pp.Rank), strconv.Itoa(int(pp.From)), strconv.Itoa(int(pp.To)), pp.Controller, pp.Status,
				pp.Change, pp.Kind, pp.Since, ftoa(e.Settlement.Point.Lon()), ftoa(e.Settlement.Point.Lat())})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
