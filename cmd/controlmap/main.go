// Command controlmap serves, imports and exports the control map: which side controlled each
// settlement on each date. It only parses flags and wires the packages together.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `controlmap: who controlled each settlement on each date, with sources.

Usage:
  controlmap serve    [--addr :8080] [--db controlmap.db] [--basemap-style URL] [--public-url URL] [--tiles-pyramid FILE]
                      [--basemap-pmtiles FILE --basemap-style-file FILE] [--pprof 127.0.0.1:6060]
                      [--cache-mb 96] [--memory-limit 300]
  controlmap import   [--db controlmap.db] actors|settlements|changes FILE...
  controlmap import   [--db controlmap.db] geonames FILE... [--admin1 AZ.03,...] [--feature-codes PPL,...]
                      [--bbox minLon,minLat,maxLon,maxLat] [--admin1-names FILE]
  controlmap snapshot [--db controlmap.db] --date YYYY-MM-DD [-o FILE]
  controlmap export   [--db controlmap.db] --date YYYY-MM-DD [--format geojson|csv|kml|gpkg] [-o FILE]
  controlmap export   [--db controlmap.db] --all -o FILE.zip
  controlmap gen      --settlements N --changes-per M [--seed S] [--bbox minLon,minLat,maxLon,maxLat] [--force] -o DB

Every flag can also be set as CONTROLMAP_<FLAG> in the environment (e.g. CONTROLMAP_DB).
Run "controlmap COMMAND -h" for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "controlmap:", err)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errUsage
	}
	commands := map[string]func(context.Context, []string) error{
		"serve":    serve,
		"import":   importFiles,
		"snapshot": snapshot,
		"export":   export,
		"gen":      gen,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown command %q\n\n%s", args[0], usage)
		return errUsage
	}
	return cmd(ctx, args[1:])
}
