package main

import (
	"context"
	"fmt"

	"github.com/controlmap/controlmap/data"
)

func importFiles(ctx context.Context, args []string) error {
	cfg := defaults()
	fs := newFlags("import", &cfg)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: controlmap import [flags] actors|settlements|changes FILE...")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		fs.Usage()
		return errUsage
	}
	st, err := data.Open(ctx, cfg.DB, data.Options{Seed: cfg.Seed})
	if err != nil {
		return err
	}
	defer st.Close()
	kind := fs.Arg(0)
	for _, file := range fs.Args()[1:] {
		n, err := st.ImportFile(ctx, kind, file)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d %s imported\n", file, n, kind)
	}
	return nil
}
