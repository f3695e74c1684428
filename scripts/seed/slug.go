package main

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// latinFold maps the non-ASCII Latin letters of Azerbaijani, Turkish and the
// transliterations in the sources to ASCII. A letter outside this table is an
// error rather than a guess.
var latinFold = map[rune]string{
	'ə': "e", 'Ə': "e", 'ı': "i", 'İ': "i", 'ğ': "g", 'Ğ': "g",
	'ş': "s", 'Ş': "s", 'ç': "c", 'Ç': "c", 'ö': "o", 'Ö': "o",
	'ü': "u", 'Ü': "u", 'â': "a", 'ä': "a", 'é': "e", 'è': "e",
	'ë': "e", 'í': "i", 'ó': "o", 'ú': "u", 'ñ': "n", '’': "",
}

// stripMarks folds a Latin letter with diacritics not in latinFold ("ŭ")
// to its base letter.
func stripMarks(r rune) (string, bool) {
	base := []rune(norm.NFD.String(string(r)))
	if len(base) == 0 || base[0] >= unicode.MaxASCII || !unicode.IsLetter(base[0]) {
		return "", false
	}
	return string(base[0]), true
}

// fold turns a Latin-script name into ASCII.
func fold(s string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII:
			b.WriteRune(r)
		default:
			ascii, ok := latinFold[r]
			if !ok {
				ascii, ok = stripMarks(r)
			}
			if !ok {
				return "", fmt.Errorf("no ASCII fold for %q in %q", r, s)
			}
			b.WriteString(ascii)
		}
	}
	return b.String(), nil
}

// slug makes a stable id from a Latin-script name: ASCII, lowercase, words
// joined by hyphens ("Abdal-Gülablı" → "abdal-gulabli").
func slug(name string) (string, error) {
	ascii, err := fold(name)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(ascii) {
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
	if b.Len() == 0 {
		return "", fmt.Errorf("empty slug for %q", name)
	}
	return b.String(), nil
}
