package geo

import (
	"errors"
	"fmt"
)

// ErrorKind classifies an Error; the web server maps each kind to one HTTP status.
type ErrorKind string

// The error kinds.
const (
	Invalid      ErrorKind = "invalid"
	NotFound     ErrorKind = "not_found"
	Conflict     ErrorKind = "conflict"
	Unauthorized ErrorKind = "unauthorized"
	Internal     ErrorKind = "internal"
)

// Error is the one error type of controlmap's domain. Message is safe to show to a client;
// Field names the input (parameter, column or property) at fault, when there is one.
type Error struct {
	Kind    ErrorKind
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Invalidf returns an Invalid error about field.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Kind: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFoundf returns a NotFound error.
func NotFoundf(format string, args ...any) *Error {
	return &Error{Kind: NotFound, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of err: the kind of the first *Error in its chain, or Internal.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}
