package geo

import (
	"unicode"
	"unicode/utf8"
)

// The longest text a field may hold, in characters (README, "Import"). They keep one bad
// record from swelling every answer that carries it.
const (
	MaxName  = 200  // names, district, country, publisher, actor and settlement ids
	MaxTitle = 500  // source titles
	MaxNote  = 2000 // notes and retraction reasons
	MaxURL   = 2000 // URLs
)

// CheckText refuses, in field, text that is not UTF-8, holds a control character (newlines
// and tabs included) or is longer than max characters.
func CheckText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return Invalidf(field, "is not valid UTF-8")
	}
	n := 0
	for _, r := range s {
		if unicode.IsControl(r) {
			return Invalidf(field, "holds the control character %U", r)
		}
		n++
	}
	if n > max {
		return Invalidf(field, "is %d characters long, more than %d", n, max)
	}
	return nil
}

// checkNames checks each name of n as a text of at most MaxName characters.
func checkNames(n Names) error {
	for _, f := range []struct{ field, s string }{{"name_en", n.En}, {"name_az", n.Az}, {"name_hy", n.Hy}, {"name_ru", n.Ru}} {
		if err := CheckText(f.field, f.s, MaxName); err != nil {
			return err
		}
	}
	return nil
}

// Shorten cuts s to its first 40 characters for an error message, so that a huge bad value is
// named without being repeated whole.
func Shorten(s string) string {
	const keep = 40
	n := 0
	for i := range s {
		if n == keep {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
