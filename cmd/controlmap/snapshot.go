package main

import "context"

// snapshot is `export --format geojson`, kept for the scripts that call it.
func snapshot(ctx context.Context, args []string) error {
	return export(ctx, append([]string{"--format", "geojson"}, args...))
}
