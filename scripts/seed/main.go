// Command seed regenerates the controlmap seed dataset (data/seed/) from the
// collected source data in shared/data (see shared/data/SOURCES.md).
//
// Run it from the repository root:
//
//	go run ./scripts/seed [-shared ../shared/data] [-out data/seed]
//
// It writes actors.csv, settlements.csv and changes.csv in the formats of
// docs/CONTRACT.md, plus REPORT.md (counts and every decision taken) and
// ATTRIBUTION.txt. The output is a pure function of the input: rows are
// sorted and no clock or map order reaches the files, so a stale seed shows
// up as a diff (main_test.go compares the committed files).
//
// The main decisions:
//   - A settlement needs a real coordinate from the sources; none is placed
//     by guess. District-level rows, areas and institutions are not
//     settlements: their facts become district events (districts.go).
//   - A district event applies to a settlement only when the sources support
//     it: handovers and the 2023 offensive need the settlement to be on the
//     Armenian side on that date; captures of partly-held districts need a
//     settlement-level row showing Armenian-side control; a district capture
//     is dropped when no source ends the control period it would open.
//   - No baseline before a settlement's first change: the sources have none,
//     so the timeline stays unknown until then.
//
// The output is checked by controlmap's own importers before it is written.
package main

import (
	"flag"
	"fmt"
	"os"
)

// config holds the two folders the generator works between.
type config struct {
	shared string // shared/data: the collected inputs
	out    string // data/seed: the generated seed
}

func main() {
	var cfg config
	flag.StringVar(&cfg.shared, "shared", "../shared/data", "folder of the collected source data")
	flag.StringVar(&cfg.out, "out", "data/seed", "folder to write the seed files to")
	flag.Parse()
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

// run reads the inputs, builds and validates the seed, and writes it.
func run(cfg config) error {
	in, err := readInputs(cfg.shared)
	if err != nil {
		return err
	}
	s, err := build(in)
	if err != nil {
		return err
	}
	files, err := render(s)
	if err != nil {
		return err
	}
	if err := validate(s, files); err != nil {
		return fmt.Errorf("invalid output: %w", err)
	}
	return writeFiles(cfg.out, files)
}
