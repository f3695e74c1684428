package geo_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/geo"
)

func TestValidID(t *testing.T) {
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) // the rule, as a pattern
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"abdal-gulabli", true}, {"a", true}, {"0", true}, {"s000007-3", true}, {strings.Repeat("a", 200), true},
		{"", false}, {"-a", false}, {"a-", false}, {"a--b", false}, {"A", false}, {"a_b", false}, {"a b", false},
		{"ağdam", false}, {"a\x00", false}, {strings.Repeat("a", 201), false}, {"-", false},
	} {
		if got := geo.ValidID(tc.id); got != tc.want || got != (slug.MatchString(tc.id) && len(tc.id) <= 200) {
			t.Errorf("ValidID(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}
