// Package answer turns a built answer (an API document, a snapshot, a tile, a static file)
// into what is served: its bytes, their gzip form and a strong ETag, made in one pass by Build
// or New, and keeps answers in one kind of Cache.
//
// Decisions:
//   - It is its own package, below web and tiles, because both serve answers and tiles must not
//     import web. It imports neither, nor the domain: an answer is only bytes.
//   - Build copies what an encoder writes once, into the pieces of the raw form (never joined:
//     WriteTo and NewReader read them), and hands each piece as it lies to a second goroutine
//     that hashes and compresses it meanwhile: on two cores a snapshot is compressed while it
//     is encoded. Gzip is
//     klauspost/compress's (the same format, about twice as fast as compress/gzip at level 1
//     and smaller: 6.1 MB against 6.8 MB for the 84 MB snapshot of 100,000 settlements).
//   - The ETag is the 64-bit xxHash of the raw form (cespare/xxhash): an ETag only has to change
//     when the bytes do, and xxHash reads 84 MB in about 10 ms where SHA-256 took 50 ms.
//   - A Cache is bounded in bytes and least-recently-used (hashicorp/golang-lru's simplelru,
//     with the byte count kept here). Its keys hold the data version: a newer version drops the
//     older answers, and an answer of an older version is never stored. An answer larger than
//     half the budget is stored by its gzip form alone (GzipOnly) when that is within half the
//     budget: a 100,000-settlement snapshot is 137 MB raw and a tenth of that in gzip, and
//     nearly every client takes gzip; the rare one that does not gets the raw form decompressed
//     as it is sent (byte ranges too), with the same length and ETag. Otherwise it is not stored
//     (it is still built once and given to every waiting request): one large answer never
//     empties the cache.
//   - Concurrent misses of one key wait for a single build (as golang.org/x/sync/singleflight
//     does, but with typed keys, so a tile's key is a struct and not a formatted string).
package answer
