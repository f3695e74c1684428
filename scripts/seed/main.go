// Command seed regenerates the controlmap seed dataset (data/seed/) from the
// collected source data in shared/data (see shared/data/SOURCES.md) and the
// researched inputs in scripts/seed/inputs.
//
// Run it from the repository root:
//
//	go run ./scripts/seed [-shared ../shared/data] [-inputs scripts/seed/inputs] [-out data/seed]
//
// It writes actors.csv, settlements.csv and changes.csv in the formats of
// docs/CONTRACT.md, plus REPORT.md (counts, the naming policy and every
// decision taken) and ATTRIBUTION.txt. The output is a pure function of the
// input: rows are sorted and no clock or map order reaches the files, so a
// stale seed shows up as a diff (main_test.go compares the committed files).
//
// The main decisions:
//   - Settlements are every GeoNames populated place of the twelve
//     Karabakh-area rayons; the old seed's ids stay, matched by GeoNames id,
//     then by name and distance (match.go).
//   - A settlement's history is, in order of precedence: its own sourced
//     facts; the first war by geometry against the 1994 ceasefire area, only
//     farther than 3 km from its edge; the 2020 handovers and end of the war
//     by district; the 2023 offensive (history.go). Dates that are not known
//     to the day are written as EDTF intervals, never guessed.
//   - A later source of the same controller is a confirmation; the other
//     side's denial is a counter-claim.
//
// The output is checked by controlmap's own importers, and REPORT.md's
// per-district counts come from the timeline of that imported copy.
package main

import (
	"flag"
	"fmt"
	"os"
)

// config holds the folders the generator works between.
type config struct {
	shared string // shared/data: the collected inputs
	inputs string // scripts/seed/inputs: this program's own inputs
	out    string // data/seed: the generated seed
}

func main() {
	var cfg config
	flag.StringVar(&cfg.shared, "shared", "../shared/data", "folder of the collected source data")
	flag.StringVar(&cfg.inputs, "inputs", "scripts/seed/inputs", "folder of the researched inputs")
	flag.StringVar(&cfg.out, "out", "data/seed", "folder to write the seed files to")
	flag.Parse()
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

// run reads the inputs, builds and validates the seed, and writes it.
func run(cfg config) error {
	in, err := readInputs(cfg.shared, cfg.inputs)
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
	db, err := validate(s, files)
	if err != nil {
		return fmt.Errorf("invalid output: %w", err)
	}
	defer db.close()
	files["REPORT.md"] = s.Report.markdown(s, newStats(db.store.Index(), s))
	return writeFiles(cfg.out, files)
}
