package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
)

// snapshot is `export --format geojson`, kept for the scripts that call it.
func snapshot(ctx context.Context, args []string) error {
	return export(ctx, append([]string{"--format", "geojson"}, args...))
}

// writeAtomic writes a file through a temporary one renamed into place, so that a failure
// never leaves a half-written file.
func writeAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
