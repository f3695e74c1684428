// Command peers measures controlmap against what a user would pick instead: nginx serving the
// same bytes (the limit for cached answers) and PostGIS computing the same answers (the engine
// of pg_featureserv, pg_tileserv and Martin). It prints one markdown table of ratios and
// targets. Run it through scripts/bench/compare, which installs the peers and builds the binary.
//
// Everything listens on 127.0.0.1 and every wait has a timeout; the processes it starts are
// stopped when it returns, on error or on SIGINT/SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// options are the flags of a run.
type options struct {
	bin, work, out          string
	settlements, changesPer int
	seed                    uint64
	growth                  bool
	rounds                  int
	duration                time.Duration
	tilesPerZoom            int
	importSettlements       int
	skipImport              bool
	pgBin                   string
	profile                 string // where the snapshot's CPU profile goes
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "", "controlmap binary (required)")
	flag.StringVar(&o.work, "work", "", "temporary directory for databases, files and peers (required)")
	flag.StringVar(&o.out, "out", "", "also write the table to this file")
	flag.IntVar(&o.settlements, "settlements", 100000, "settlements of the dataset")
	flag.IntVar(&o.changesPer, "changes-per", 10, "changes per settlement")
	flag.Uint64Var(&o.seed, "seed", 1, "dataset seed")
	flag.BoolVar(&o.growth, "growth", false, "also measure at 2x changes and 2x settlements (slow)")
	flag.IntVar(&o.rounds, "rounds", 3, "A/B rounds of each wrk measurement")
	flag.DurationVar(&o.duration, "duration", 3*time.Second, "length of one wrk round")
	flag.IntVar(&o.tilesPerZoom, "tiles-per-zoom", 40, "tiles sampled at each of z10-z12 (z6-z9 are taken whole)")
	flag.IntVar(&o.importSettlements, "import-settlements", 0, "settlements of the CSV timed through controlmap import (0: all of them)")
	flag.BoolVar(&o.skipImport, "skip-import", false, "do not time controlmap import")
	flag.StringVar(&o.pgBin, "pg-bin", "/usr/lib/postgresql/15/bin", "PostgreSQL binaries")
	flag.Parse()
	if o.bin == "" || o.work == "" {
		flag.Usage()
		os.Exit(2)
	}
	o.profile = filepath.Join(o.work, "snapshot.pprof")
	if o.out != "" {
		o.profile = strings.TrimSuffix(o.out, ".md") + "-snapshot.pprof"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	base := dataset{settlements: o.settlements, changesPer: o.changesPer, seed: o.seed}
	res, err := measureAll(ctx, o, base, true)
	if err != nil {
		return err
	}
	table := res.table()
	if o.growth {
		growth := []*result{res}
		for _, d := range []dataset{{o.settlements, 2 * o.changesPer, o.seed}, {2 * o.settlements, o.changesPer, o.seed}} {
			r, err := measureAll(ctx, o, d, false)
			if err != nil {
				return err
			}
			growth = append(growth, r)
		}
		table += "\n" + growthTable(growth)
	}
	fmt.Println()
	fmt.Print(table)
	if o.out != "" {
		if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(o.out, []byte(table), 0o644)
	}
	return nil
}

// logf prints a progress line on standard error.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().UTC().Format("15:04:05 ")+format+"\n", args...)
}
