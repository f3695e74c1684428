package answer_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/controlmap/controlmap/answer"
)

// An answer is built once per data version and key, then served from the cache.
func ExampleCache() {
	cache := answer.NewCache[string](64 << 20)
	build := func() (*answer.Answer, error) {
		return answer.Build(answer.BestSpeed, func(w io.Writer) error {
			_, err := io.WriteString(w, strings.Repeat(`{"type":"Feature"},`, 100))
			return err
		})
	}
	a, _ := cache.Get(1, "snapshot 2020-11-20", build)
	b, _ := cache.Get(1, "snapshot 2020-11-20", build)
	fmt.Println(a == b, a.Len(), len(a.Gzip) < a.Len(), a.GzipETag() != a.ETag)
	// Output: true 1900 true true
}
