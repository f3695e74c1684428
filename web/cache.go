package web

import (
	"io"

	"github.com/controlmap/controlmap/answer"
)

// cache keeps the answers built from the index (snapshots, pages of items, periods), keyed by
// the index version, in the one answer.Cache shared with the tiles: bounded in bytes, least
// recently used out, a single build for concurrent misses.
type cache struct {
	answers *answer.Cache[string]
	rawMax  int // an answer written larger than this is kept (and built) by its gzip form alone
}

func newCache(maxBytes int) *cache {
	return &cache{answers: answer.NewCache[string](maxBytes), rawMax: maxBytes / 2}
}

// get returns the answer key at version, building its bytes with build on a miss.
func (c *cache) get(version uint64, key string, build func() ([]byte, error)) (*answer.Answer, error) {
	return c.answers.Get(version, key, func() (*answer.Answer, error) {
		body, err := build()
		if err != nil {
			return nil, err
		}
		return answer.New(body, answer.BestSpeed)
	})
}

// write is get for an answer that an encoder writes: each piece goes to the raw form, the gzip
// writer and the hash at once, so a large answer is never held twice while it is built; one
// over half the budget (a 100,000-settlement snapshot) is never held raw at all.
func (c *cache) write(version uint64, key string, write func(io.Writer) error) (*answer.Answer, error) {
	return c.answers.Get(version, key, func() (*answer.Answer, error) {
		return answer.BuildWithin(answer.BestSpeed, c.rawMax, write)
	})
}
