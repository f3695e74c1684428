package geo_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/controlmap/controlmap/geo"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want geo.ErrorKind
	}{
		{"invalid", geo.Invalidf("date", "is empty"), geo.Invalid},
		{"not found", geo.NotFoundf("no settlement %q", "x"), geo.NotFound},
		{"conflict", &geo.Error{Kind: geo.Conflict, Message: "exists"}, geo.Conflict},
		{"unauthorized", &geo.Error{Kind: geo.Unauthorized, Message: "no token"}, geo.Unauthorized},
		{"wrapped", fmt.Errorf("put change: %w", geo.NotFoundf("no settlement")), geo.NotFound},
		{"wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", geo.Invalidf("id", "bad"))), geo.Invalid},
		{"joined", errors.Join(io.EOF, geo.Invalidf("id", "bad")), geo.Invalid},
		{"plain", errors.New("disk full"), geo.Internal},
		{"wrapped plain", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), geo.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := geo.KindOf(tt.err); got != tt.want {
				t.Errorf("KindOf(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		err  *geo.Error
		want string
	}{
		{geo.Invalidf("date", "%s is in the future", "2099"), "date: 2099 is in the future"},
		{geo.NotFoundf("no settlement %q", "x"), `no settlement "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}
