package main

import (
	"strings"
	"unicode"
)

// The coordinates file packs extra words into its name columns
// ("Շուշի (Shushi)", "Ханкенди; Степанакерт", "Khankendi / Stepanakert").
// The functions here keep the first plain name of the wanted script.

// enNameOverrides replaces the English name of a coordinates row (keyed by
// its facts settlement value) where the file's name_en is not a usable Latin
// name: the seed village must be "Abdal-Gulabli", and "Nor Maragha" is the
// Armenian name of Qızıl Kəngərli (kept in name_hy), unlike every other row.
var enNameOverrides = map[string]string{
	"Gülablı / Abdal-Gülablı (Vazgenashen)": "Abdal-Gulabli",
	"Nor Maragha": "Qizil Kangarli",
}

// azNameOverrides keeps Azerbaijani names whose parenthesis is part of the
// name rather than a comment.
var azNameOverrides = map[string]string{
	"Gülablı / Abdal-Gülablı (Vazgenashen)": "Abdal-Gülablı",
	"Nor Seysula": "Mollalar (Boyəhmədli)",
}

// cleanEN keeps the first name of an English name cell: "Bina / Tumi (Domi)"
// → "Bina", "Mollalar, Agdam" → "Mollalar".
func cleanEN(s string) string {
	s, _, _ = strings.Cut(s, " / ")
	s, _, _ = strings.Cut(s, ", ")
	return strings.TrimSpace(s)
}

// cleanScript keeps the first name written in the given script, without its
// parenthesised comments; "" when there is none.
func cleanScript(s string, script *unicode.RangeTable) string {
	for _, part := range splitNames(stripParens(s)) {
		if hasScript(part, script) {
			return part
		}
	}
	return ""
}

// cleanAZ keeps the Azerbaijani name without parenthesised comments.
func cleanAZ(s string) string {
	parts := splitNames(stripParens(s))
	if len(parts) == 0 {
		return ""
	}
	return parts[0]
}

// splitNames splits a cell holding several names.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '/' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stripParens removes parenthesised text, nested or not.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// hasScript reports whether s has a letter of the script.
func hasScript(s string, script *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(script, r) {
			return true
		}
	}
	return false
}
