package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime/debug"

	"github.com/controlmap/controlmap/web"
)

// Defaults of serve's memory flags, in MB. They keep a server of 100,000 settlements and a
// million changes near 300 MB: about 165 MB of index, the caches, and one answer being built.
const (
	defaultCacheMB       = 96
	defaultMemoryLimitMB = 300
)

// tileCaches is how many caches of tiles.Config.CacheBytes a tile server keeps: the
// settlement tiles, the basemap's, and the tiles in one language (shared by the languages).
// Each gets a third of the budget: the settlement tiles a map shows at 100,000 settlements
// (27 MB for the 119 of the benchmark, raw and gzip) must fit in theirs, or a round of them
// misses every time; the other two fill only when the embedded basemap or lang= are used.
const tileCaches = 3

// memory is serve's memory settings.
type memory struct {
	cacheMB int // built answers: half for the API's, a third for each of the tile caches
	limitMB int // soft limit of the Go runtime (GOMEMLIMIT); 0 for none
}

func (m *memory) flags(fs *flag.FlagSet) {
	fs.IntVar(&m.cacheMB, "cache-mb", defaultCacheMB, "memory for built answers, in MB: half for the API's (snapshots, pages, periods), a third for each of the three tile caches (settlement tiles, basemap tiles, tiles in one language)")
	fs.IntVar(&m.limitMB, "memory-limit", defaultMemoryLimitMB, "soft limit of the Go runtime's memory, in MB (0: none); when GOMEMLIMIT is set and this flag is not given, GOMEMLIMIT applies")
}

// maxMB is the largest size in MB whose count of bytes fits an int.
const maxMB = math.MaxInt >> 20

func (m memory) validate() error {
	switch {
	case m.cacheMB < 1:
		return errors.New("--cache-mb: must be at least 1")
	case m.cacheMB > maxMB:
		return fmt.Errorf("--cache-mb: must be at most %d", maxMB)
	case m.limitMB < 0:
		return errors.New("--memory-limit: must not be negative")
	case m.limitMB > maxMB:
		return fmt.Errorf("--memory-limit: must be at most %d", maxMB)
	}
	return nil
}

// apply sets the caches of cfg and the runtime's memory limit, which the GOMEMLIMIT
// environment variable sets instead unless --memory-limit was given; it returns the limit in
// force, in bytes (math.MaxInt64 for none).
func (m memory) apply(cfg *web.Config, fs *flag.FlagSet) int64 {
	cacheBytes := m.cacheMB << 20
	cfg.CacheBytes = cacheBytes / 2
	cfg.Tiles.CacheBytes = max(cacheBytes/tileCaches, 1)
	if _, ok := os.LookupEnv("GOMEMLIMIT"); ok && !given(fs, "memory-limit") {
		return debug.SetMemoryLimit(-1)
	}
	limit := int64(math.MaxInt64)
	if m.limitMB > 0 {
		limit = int64(m.limitMB) << 20
	}
	debug.SetMemoryLimit(limit)
	return limit
}

// given reports whether flag name was given on the command line.
func given(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}
