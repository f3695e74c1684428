package geo

import "regexp"

// Actor is a side that can control a settlement.
type Actor struct {
	ID    string
	Names Names
	Color string // #rrggbb
}

var colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// ValidID reports whether s is a well-formed id: a lowercase ASCII slug such as "abdal-gulabli".
//
// It reads the bytes by hand rather than with a regular expression: an import of a million
// changes checks three ids per change.
func ValidID(s string) bool {
	if s == "" || len(s) > 200 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Validate checks a's fields.
func (a Actor) Validate() error {
	switch {
	case !ValidID(Shorten(a.ID)):
		return Invalidf("id", "%q is not a lowercase slug such as \"azerbaijan\"", Shorten(a.ID))
	case a.Names.Default() == "":
		return Invalidf("name_en", "an actor needs at least one name")
	case !colorPattern.MatchString(Shorten(a.Color)):
		return Invalidf("color", "%q is not a colour of the form #rrggbb", Shorten(a.Color))
	}
	return checkNames(a.Names)
}
