package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/controlmap/controlmap/data"
)

// gen writes a synthetic, ready-to-serve database for measurements.
func gen(ctx context.Context, args []string) error {
	opts := data.GenOptions{Settlements: 10000, ChangesPer: 2, Seed: 1, Bound: data.GenBound, Progress: os.Stdout}
	var out string
	var bbox bboxFlag
	fs := flag.NewFlagSet("controlmap gen", flag.ContinueOnError)
	fs.IntVar(&opts.Settlements, "settlements", opts.Settlements, "number of settlements")
	fs.IntVar(&opts.ChangesPer, "changes-per", opts.ChangesPer, "changes of control per settlement")
	fs.Uint64Var(&opts.Seed, "seed", opts.Seed, "random seed: the same flags give the same data")
	fs.Var(&bbox, "bbox", "area of the settlements: `minLon,minLat,maxLon,maxLat` (default the Karabakh region)")
	fs.BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	fs.StringVar(&out, "o", "", "the database file to write (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if out == "" {
		fmt.Fprintln(fs.Output(), "controlmap gen: -o: the output database file is required")
		fs.Usage()
		return errUsage
	}
	if bbox.bound != nil {
		opts.Bound = *bbox.bound
	}
	start := time.Now()
	if err := data.Generate(ctx, out, opts); err != nil {
		return err
	}
	fmt.Printf("%s: %d settlements, %d changes in %.1fs\n", out, opts.Settlements, opts.Settlements*opts.ChangesPer, time.Since(start).Seconds())
	return nil
}
