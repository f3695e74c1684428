package data

import (
	"strings"
	"unicode"

	"github.com/controlmap/controlmap/geo"
)

// Names picks the place's names by script, since GeoNames dumps carry no language tags:
//
//   - en is asciiname (GeoNames' ASCII transliteration, the most common spelling in English
//     sources), or name when asciiname is empty and name is plain ASCII;
//   - az is name when it is written in the Azerbaijani Latin alphabet and either has one of
//     the letters ə ğ ı ş ç ö ü or the place is in Azerbaijan (country AZ); otherwise the first
//     alternate with ə, otherwise the first alternate in that alphabet with one of ğ ı ş ç ö ü;
//   - hy is the first of name and the alternates written in Armenian script;
//   - ru is the first of name and the alternates written in the Russian alphabet only (a
//     Cyrillic name with letters such as і, ў or Ӏ belongs to another language and is skipped,
//     as is one with a soft or hard sign after a vowel, "Боьйуьк", which Russian never writes,
//     or one starting "Сяло", Belarusian for village).
//
// "First" is the order of the dump. A language with no fitting name stays empty: a Latin
// transliteration is never put in hy or ru.
func (p GeoNamesPlace) Names() geo.Names {
	return geo.Names{En: p.englishName(), Az: p.azerbaijaniName(), Hy: p.firstIn(isArmenian), Ru: p.firstIn(isRussian)}
}

func (p GeoNamesPlace) englishName() string {
	if p.ASCIIName == "" && isPlainASCII(p.Name) {
		return p.Name
	}
	return p.ASCIIName
}

func (p GeoNamesPlace) azerbaijaniName() string {
	if isAzLatin(p.Name) && (hasAzLetter(p.Name) || p.Country == "AZ") {
		return p.Name
	}
	for _, a := range p.Alternates {
		if isAzLatin(a) && strings.ContainsAny(a, "əƏ") {
			return a
		}
	}
	for _, a := range p.Alternates {
		if isAzLatin(a) && hasAzLetter(a) {
			return a
		}
	}
	return ""
}

// firstIn returns the first of name and the alternates that is written in script.
func (p GeoNamesPlace) firstIn(script func(string) bool) string {
	if script(p.Name) {
		return p.Name
	}
	for _, a := range p.Alternates {
		if script(a) {
			return a
		}
	}
	return ""
}

// azLetters is the Azerbaijani Latin alphabet, both cases (I is the capital of ı, İ of i).
const azLetters = "abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"

func hasAzLetter(s string) bool { return strings.ContainsAny(s, "əƏğĞıİşŞçÇöÖüÜ") }

func isAzLatin(s string) bool {
	return writtenIn(s, func(r rune) bool { return strings.ContainsRune(azLetters, r) })
}

func isArmenian(s string) bool {
	return writtenIn(s, func(r rune) bool { return unicode.Is(unicode.Armenian, r) })
}

func isRussian(s string) bool {
	return writtenIn(s, func(r rune) bool { return r >= 'а' && r <= 'я' || r >= 'А' && r <= 'Я' || r == 'ё' || r == 'Ё' }) &&
		!softSignAfterVowel(s) && !strings.HasPrefix(strings.ToLower(s), "сяло ")
}

// softSignAfterVowel reports whether a soft or hard sign follows a vowel, as it never does in
// Russian but does in the Chechen-style transliterations of GeoNames ("Боьйуьк").
func softSignAfterVowel(s string) bool {
	prev := ' '
	for _, r := range strings.ToLower(s) {
		if (r == 'ь' || r == 'ъ') && strings.ContainsRune("аеёиоуыэюя", prev) {
			return true
		}
		prev = r
	}
	return false
}

// writtenIn reports whether s has a letter and every letter of s satisfies letter; digits,
// spaces and punctuation may appear anywhere.
func writtenIn(s string, letter func(rune) bool) bool {
	found := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			continue
		}
		if !letter(r) {
			return false
		}
		found = true
	}
	return found
}

func isPlainASCII(s string) bool {
	for _, r := range s {
		if r >= unicode.MaxASCII {
			return false
		}
	}
	return true
}
