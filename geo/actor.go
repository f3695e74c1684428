package geo

import "regexp"

// Actor is a side that can control a settlement.
type Actor struct {
	ID    string
	Names Names
	Color string // #rrggbb
}

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// ValidID reports whether s is a well-formed id: a lowercase ASCII slug such as "abdal-gulabli".
func ValidID(s string) bool { return len(s) <= 200 && idPattern.MatchString(s) }

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
