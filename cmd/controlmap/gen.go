package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/paulmach/orb"
)

// gen writes a synthetic, ready-to-serve database for measurements.
func gen(ctx context.Context, args []string) error {
	opts := data.GenOptions{Settlements: 10000, ChangesPer: 2, Seed: 1, Bound: data.GenBound, Progress: os.Stdout}
	var out string
	fs := flag.NewFlagSet("controlmap gen", flag.ContinueOnError)
	fs.IntVar(&opts.Settlements, "settlements", opts.Settlements, "number of settlements")
	fs.IntVar(&opts.ChangesPer, "changes-per", opts.ChangesPer, "changes of control per settlement")
	fs.Uint64Var(&opts.Seed, "seed", opts.Seed, "random seed: the same flags give the same data")
	fs.Func("bbox", "area of the settlements: minLon,minLat,maxLon,maxLat (default the Karabakh region)", func(s string) error {
		b, err := parseBBox(s)
		opts.Bound = b
		return err
	})
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
	start := time.Now()
	if err := data.Generate(ctx, out, opts); err != nil {
		return err
	}
	fmt.Printf("%s: %d settlements, %d changes in %.1fs\n", out, opts.Settlements, opts.Settlements*opts.ChangesPer, time.Since(start).Seconds())
	return nil
}

func parseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, fmt.Errorf("%q: want minLon,minLat,maxLon,maxLat", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return orb.Bound{}, fmt.Errorf("%q: %q is not a number", s, p)
		}
		v[i] = f
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}
