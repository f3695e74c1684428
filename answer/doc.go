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
//   - Cache.Stream (and Stream) send an answer to the request that builds it as it is made: the
//     raw form from the encoder's goroutine, or the gzip form from the compressor's, so that
//     the client's first bytes leave at once and nothing is decompressed again for it, while the
//     kept forms are made alongside. A streamed build keeps its raw form up to an eighth of the
//     budget and its gzip form up to half; an answer over both is not kept, and is remembered
//     for its data version as too large, so that the requests after it stream their own builds
//     at once, keeping nothing (each holds only what is on its way to its client), rather than
//     queue for builds they could not share.
//   - A build's bytes are copied once: into blocks of the raw or gzip form (never a growing
//     buffer, which copies and may hold twice what it fills), or, once the raw form is dropped,
//     into pooled buffers on their way to the compressor.
package answer
