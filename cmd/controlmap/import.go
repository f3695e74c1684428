package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/controlmap/controlmap/data"
)

const importUsage = `usage: controlmap import [flags] actors|settlements|changes FILE...
       controlmap import [flags] geonames FILE... [--admin1 CODE,...] [--feature-codes PPL,...] [--bbox minLon,minLat,maxLon,maxLat]
                                 [--admin1-names FILE]`

func importFiles(ctx context.Context, args []string) error {
	cfg := defaults()
	var g geoNamesFlags
	fs := newFlags("import", &cfg)
	g.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), importUsage)
		fs.PrintDefaults()
	}
	args, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		fs.Usage()
		return errUsage
	}
	kind, files := args[0], args[1:]
	if kind != "geonames" && g.set() {
		return errors.New("--admin1, --feature-codes, --bbox and --admin1-names apply only to geonames")
	}
	st, err := data.Open(ctx, cfg.DB, data.Options{Seed: cfg.Seed})
	if err != nil {
		return err
	}
	defer st.Close()
	if kind == "geonames" {
		return importGeoNames(ctx, st, files, &g, os.Stdout, os.Stderr)
	}
	for _, file := range files {
		n, err := importFile(ctx, st, kind, file, os.Stderr)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d %s imported\n", file, n, kind)
	}
	return nil
}

// importFile imports one file of kind, showing its progress on stderr.
func importFile(ctx context.Context, st *data.Store, kind, file string, stderr io.Writer) (n int, err error) {
	err = readShown(stderr, file, kind, func(r io.Reader, shown *stages) error {
		n, err = st.ImportWith(ctx, kind, file, r, data.ImportOptions{Progress: shown.wrote, Size: shown.size})
		return err
	})
	return n, err
}

// parseInterspersed parses args as parse does, allowing flags after the positional arguments,
// which it returns.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	var positional []string
	for fs.NArg() > 0 {
		positional = append(positional, fs.Arg(0))
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errUsage
			}
			return nil, err
		}
	}
	return positional, nil
}
