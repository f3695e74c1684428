package main

import (
	"unicode"

	"github.com/controlmap/controlmap/geo"
)

// slug makes a stable id from a Latin-script name; geo.Slug is the one implementation, shared
// with controlmap's GeoNames importer.
func slug(name string) (string, error) { return geo.Slug(name) }

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	for _, r := range s {
		if r >= unicode.MaxASCII {
			return false
		}
	}
	return true
}
