package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
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

// bboxFlag is minLon,minLat,maxLon,maxLat (gen --bbox, import --bbox).
type bboxFlag struct{ bound *orb.Bound }

func (b *bboxFlag) String() string {
	if b.bound == nil {
		return ""
	}
	return fmt.Sprintf("%g,%g,%g,%g", b.bound.Min.Lon(), b.bound.Min.Lat(), b.bound.Max.Lon(), b.bound.Max.Lat())
}

func (b *bboxFlag) Set(s string) error {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return errors.New("want minLon,minLat,maxLon,maxLat")
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", p)
		}
		v[i] = f
	}
	switch {
	case !(v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90):
		return errors.New("outside -180..180, -90..90")
	case !(v[0] <= v[2] && v[1] <= v[3]):
		return errors.New("min is greater than max")
	}
	b.bound = &orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	return nil
}
