package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The append functions below write JSON values exactly as encoding/json writes them (HTML
// characters, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD, floats in ES6 form), so the
// hand-written encoders of the hot wire shapes give the bytes json.Marshal would, without
// reflection. TestSettlementFeatureJSONMatchesEncodingJSON pins that.

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json escapes it.
func appendString(b []byte, s string) []byte {
	if plain(s) {
		return append(append(append(b, '"'), s...), '"')
	}
	return appendEscaped(b, s)
}

// plain reports whether s goes into a JSON string as it is: valid UTF-8 with no byte to escape
// (a control character, '"', '\\', '<', '>', '&') and neither U+2028 nor U+2029. Most strings of
// a snapshot are: checking eight ASCII bytes at a time, then the rest once, is several times
// faster than escaping them byte by byte.
func plain(s string) bool {
	ascii := true
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s[i : i+8])
		if x&highBits != 0 {
			ascii = false
			continue // a byte of a multi-byte rune, checked below; its ASCII bytes too
		}
		if needsEscape(x) {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			ascii = false
		} else if !jsonSafe(c) {
			return false
		}
	}
	return ascii || plainUnicode(s)
}

// plainUnicode is plain for a string with bytes beyond ASCII: each ASCII byte safe, the whole
// valid UTF-8, without the line and paragraph separators that encoding/json escapes.
func plainUnicode(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && !jsonSafe(c) {
			return false
		}
	}
	return utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// needsEscape reports whether any of the eight ASCII bytes of x is not jsonSafe.
func needsEscape(x uint64) bool {
	return hasZero(x^(lowBits*'"')) || hasZero(x^(lowBits*'\\')) || hasZero(x^(lowBits*'<')) ||
		hasZero(x^(lowBits*'>')) || hasZero(x^(lowBits*'&')) || (x-lowBits*0x20)&^x&highBits != 0
}

// load64 is the little-endian number of the eight bytes of s (one load, as the compiler
// combines them).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasZero reports whether a byte of x is zero.
func hasZero(x uint64) bool { return (x-lowBits)&^x&highBits != 0 }

// appendEscaped is appendString for a string with something to escape.
func appendEscaped(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe(c) {
				i++
				continue
			}
			b = appendEscapedByte(append(b, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if esc := runeEscape(r, size); esc != "" {
			b = append(append(b, s[start:i]...), esc...)
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}

// jsonSafe reports whether the ASCII byte c goes into a JSON string as it is.
func jsonSafe(c byte) bool {
	return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}

// appendEscapedByte appends the escape of an ASCII byte that is not jsonSafe.
func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// runeEscape is what replaces a non-ASCII rune in a JSON string, or "" when it goes as it is.
func runeEscape(r rune, size int) string {
	switch {
	case r == utf8.RuneError && size == 1:
		return `\ufffd`
	case r == '\u2028':
		return `\u2028`
	case r == '\u2029':
		return `\u2029`
	}
	return ""
}

// AppendJSONFloat appends f as encoding/json does; NaN and infinities are an error, as there.
// Other packages' streaming encoders (web's periods) use it to stay byte-identical.
func AppendJSONFloat(b []byte, f float64) ([]byte, error) { return appendFloat(b, f) }

func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, fmt.Errorf("json: unsupported value: %v", f)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 is written e-9
		b = b[:n-1]
	}
	return b, nil
}

// appendKey appends "name": after a comma unless it opens the object.
func appendKey(b []byte, name string) []byte {
	if c := b[len(b)-1]; c != '{' {
		b = append(b, ',')
	}
	return append(append(append(b, '"'), name...), '"', ':')
}

func appendStringPtr(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

func appendIntPtr[T int | int64](b []byte, n *T) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(*n), 10)
}

// appendOmitEmpty appends the member name: s, unless s is empty (an omitempty field).
func appendOmitEmpty(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(appendKey(b, name), s)
}
