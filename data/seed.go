package data

import (
	"context"
	"embed"
	"fmt"
	"strings"
)

//go:embed seed/actors.csv seed/settlements.csv seed/changes.csv seed/ATTRIBUTION.txt
var seed embed.FS

// LoadSeed imports the embedded seed dataset (actors, settlements, then changes).
func LoadSeed(ctx context.Context, s *Store) error {
	for _, kind := range []string{ImportActors, ImportSettlements, ImportChanges} {
		name := "seed/" + kind + ".csv"
		f, err := seed.Open(name)
		if err != nil {
			return err
		}
		_, err = s.Import(ctx, kind, name, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("data: seed: %w", err)
		}
	}
	return nil
}

// Attribution returns the credit line of the seed data's sources, for API metadata.
func Attribution() string {
	b, _ := seed.ReadFile("seed/ATTRIBUTION.txt")
	return strings.TrimSpace(string(b))
}
