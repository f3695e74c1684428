package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// config is every setting of every command, with its default.
type config struct {
	Addr             string
	DB               string
	Seed             bool
	BasemapStyle     string
	BasemapPMTiles   string
	TilesPyramid     string
	BasemapStyleFile string
	PublicURL        string
	LogLevel         slog.Level
	Date             string
	Output           string
	Format           string
	All              bool
}

func defaults() config {
	return config{Addr: ":8080", DB: "controlmap.db", Seed: true}
}

// newFlags returns a flag set for command with the flags every command shares.
func newFlags(command string, cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet("controlmap "+command, flag.ContinueOnError)
	fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite database file (created and seeded when missing)")
	fs.BoolVar(&cfg.Seed, "seed", cfg.Seed, "load the embedded seed dataset when the database is created")
	fs.TextVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "log level: debug, info, warn, error")
	return fs
}

// parse reads the environment (CONTROLMAP_<FLAG>) and then args: a flag on the command line
// wins over the environment.
func parse(fs *flag.FlagSet, args []string) error {
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		name := "CONTROLMAP_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(name); ok && envErr == nil {
			if err := f.Value.Set(v); err != nil {
				envErr = fmt.Errorf("%s: %w", name, err)
			}
		}
	})
	if envErr != nil {
		return envErr
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errUsage
		}
		return err
	}
	return nil
}

func (c config) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: c.LogLevel}))
}
