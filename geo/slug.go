package geo

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// latinFold maps the Latin letters that do not decompose into an ASCII letter and marks
// (ə, ı, the dotted İ, the apostrophe of transliterations) to ASCII. Any other Latin letter
// with diacritics folds to its base letter ("ŭ" → "u", "ş" → "s").
var latinFold = map[rune]string{
	'ə': "e", 'Ə': "E", 'ı': "i", 'İ': "I", '’': "",
}

// Slug makes a stable id from a Latin-script name: ASCII, lowercase, words joined by hyphens
// ("Abdal-Gülablı" → "abdal-gulabli"). It fails on a letter it cannot fold to ASCII (any
// non-Latin script) and on a name with no letter or digit.
func Slug(name string) (string, error) {
	ascii, err := FoldASCII(name)
	if err != nil {
		return "", err
	}
	s := joinWords(strings.ToLower(ascii))
	if s == "" {
		return "", Invalidf("name", "%q gives an empty id", name)
	}
	return s, nil
}

// FoldASCII writes a Latin-script name in ASCII, keeping the case of each letter: ə → e,
// ı → i, and a letter with diacritics becomes its base letter ("Qozlukörpŭ" → "Qozlukorpu").
// It fails on a letter of another script rather than guess.
func FoldASCII(s string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		ascii, ok := foldRune(r)
		if !ok {
			return "", Invalidf("name", "no ASCII letter for %q in %q", r, s)
		}
		b.WriteString(ascii)
	}
	return b.String(), nil
}

// foldRune is r in ASCII: itself, its latinFold entry, or its base letter when r decomposes
// (NFD) into an ASCII letter followed only by combining marks.
func foldRune(r rune) (string, bool) {
	if r < unicode.MaxASCII {
		return string(r), true
	}
	if ascii, ok := latinFold[r]; ok {
		return ascii, true
	}
	parts := []rune(norm.NFD.String(string(r)))
	if len(parts) < 2 || parts[0] >= unicode.MaxASCII || !unicode.IsLetter(parts[0]) {
		return "", false
	}
	for _, m := range parts[1:] {
		if !unicode.Is(unicode.Mn, m) {
			return "", false
		}
	}
	return string(parts[0]), true
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
