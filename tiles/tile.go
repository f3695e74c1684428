package tiles

import "github.com/controlmap/controlmap/answer"

// Encoded is an encoded tile, glyph range or other body ready to serve: its bytes (Raw, the
// MVT; nil for an empty tile), their gzip form and a strong ETag, as every answer of the
// server is.
type Encoded = answer.Answer

// newTile wraps raw MVT bytes, compressing them and hashing them. Tiles are cut on request:
// the fastest level.
func newTile(raw []byte) (*Encoded, error) { return answer.New(raw, answer.BestSpeed) }
