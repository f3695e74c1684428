package geo

import (
	"strings"
	"unicode"
)

// latinFold maps the non-ASCII Latin letters of Azerbaijani, Turkish and the common
// transliterations to ASCII. A letter outside this table makes Slug fail rather than guess.
var latinFold = map[rune]string{
	'ə': "e", 'Ə': "e", 'ı': "i", 'İ': "i", 'ğ': "g", 'Ğ': "g",
	'ş': "s", 'Ş': "s", 'ç': "c", 'Ç': "c", 'ö': "o", 'Ö': "o",
	'ü': "u", 'Ü': "u", 'â': "a", 'ä': "a", 'é': "e", 'è': "e",
	'ë': "e", 'í': "i", 'ó': "o", 'ú': "u", 'ñ': "n", '’': "",
}

// Slug makes a stable id from a Latin-script name: ASCII, lowercase, words joined by hyphens
// ("Abdal-Gülablı" → "abdal-gulabli"). It fails on a letter it cannot fold to ASCII (any
// non-Latin script) and on a name with no letter or digit.
func Slug(name string) (string, error) {
	ascii, err := foldLatin(name)
	if err != nil {
		return "", err
	}
	s := joinWords(strings.ToLower(ascii))
	if s == "" {
		return "", Invalidf("name", "%q gives an empty id", name)
	}
	return s, nil
}

// foldLatin turns a Latin-script name into ASCII.
func foldLatin(s string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		if r < unicode.MaxASCII {
			b.WriteRune(r)
			continue
		}
		ascii, ok := latinFold[r]
		if !ok {
			return "", Invalidf("name", "no ASCII letter for %q in %q", r, s)
		}
		b.WriteString(ascii)
	}
	return b.String(), nil
}

// joinWords keeps the runs of a-z and 0-9 of s, joined by single hyphens.
func joinWords(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
