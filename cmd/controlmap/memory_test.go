package main

import (
	"flag"
	"io"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/web"
)

func TestMemoryFlags(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(orig) })
	tests := []struct {
		name      string
		args      []string
		gomemlim  string // GOMEMLIMIT, "" for unset
		wantLimit int64
		wantErr   string
	}{
		{"defaults", nil, "", defaultMemoryLimitMB << 20, ""},
		{"a limit", []string{"--memory-limit", "300"}, "", 300 << 20, ""},
		{"no limit", []string{"--memory-limit", "0"}, "", 1<<63 - 1, ""},
		{"GOMEMLIMIT wins over the default", nil, "123MiB", 123 << 20, ""},
		{"the flag wins over GOMEMLIMIT", []string{"--memory-limit", "200"}, "123MiB", 200 << 20, ""},
		{"no cache", []string{"--cache-mb", "0"}, "", 0, "--cache-mb"},
		{"a negative limit", []string{"--memory-limit", "-1"}, "", 0, "--memory-limit"},
		{"a cache past an int of bytes", []string{"--cache-mb", "9000000000000"}, "", 0, "--cache-mb"},
		{"a limit past an int of bytes", []string{"--memory-limit", "9000000000000"}, "", 0, "--memory-limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.gomemlim != "" {
				t.Setenv("GOMEMLIMIT", tt.gomemlim)
				debug.SetMemoryLimit(123 << 20) // what the runtime read from it at start
			}
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			var m memory
			m.flags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			err := m.validate()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			var cfg web.Config
			if got := m.apply(&cfg, fs); got != tt.wantLimit || debug.SetMemoryLimit(-1) != tt.wantLimit {
				t.Errorf("limit %d (runtime %d), want %d", got, debug.SetMemoryLimit(-1), tt.wantLimit)
			}
			if cfg.CacheBytes != m.cacheMB<<19 || cfg.Tiles.CacheBytes != m.cacheMB<<20/tileCaches {
				t.Errorf("caches %d and %d of %d MB", cfg.CacheBytes, cfg.Tiles.CacheBytes, m.cacheMB)
			}
		})
	}
}
