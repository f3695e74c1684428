package data

import (
	"iter"
	"runtime"
	"sync"

	"github.com/controlmap/controlmap/geo"
)

// fillBatch is how many states fillAhead fills at a time: one query of readDetails.
const fillBatch = detailBatch

// batchBytes is room for a batch of features as a snapshot writes them (about 1,400 bytes
// each), so that a buffer seldom grows.
const batchBytes = 2 << 20

// batchFunc encodes a batch of states, their sources filled, appending to buf.
type batchFunc func(batch []geo.State, buf []byte) ([]byte, error)

// encoderFunc makes a batchFunc for one goroutine: what it memoizes (dates, actors) is shared by
// every batch that goroutine encodes.
type encoderFunc func() batchFunc

// fillAhead fills the sources of the changes in force of states a batch at a time, on a few
// goroutines, and encodes each batch there with an encoder from encoder (when not nil); it yields the encoded
// batches in order. Reading and encoding are spread over the cores, and a few batches are
// done ahead of the one the caller writes, no more, so memory stays bounded. The bytes yielded
// are reused once the caller asks for the next batch. The error is that of the first batch that
// could not be filled or encoded; nothing is yielded after it.
func fillAhead(ix *geo.Index, states []geo.State, encoder encoderFunc) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		batches := (len(states) + fillBatch - 1) / fillBatch
		workers := max(1, min(batches, runtime.GOMAXPROCS(0), 4))
		f := newFiller(ix, states, encoder, batches, workers)
		defer f.stop()
		for k := range batches {
			r := <-f.done[k]
			if !yield(r.bytes, r.err) || r.err != nil {
				return
			}
			f.reuse(r.bytes)
			f.ahead <- struct{}{} // batch k is out: one more may be read
		}
	}
}

// filler reads the sources of batches of states on a few goroutines, and encodes them, never
// more than ahead batches past the one last yielded.
type filler struct {
	ix      *geo.Index
	states  []geo.State
	encoder encoderFunc
	done    []chan batchResult // done[k] receives batch k's outcome
	ahead   chan struct{}
	free    chan []byte // buffers the caller is done with
	quit    chan struct{}
	wg      sync.WaitGroup
}

type batchResult struct {
	bytes []byte
	err   error
}

func newFiller(ix *geo.Index, states []geo.State, encoder encoderFunc, batches, workers int) *filler {
	ahead := min(batches, 2*workers)
	f := &filler{ix: ix, states: states, encoder: encoder, done: make([]chan batchResult, batches),
		ahead: make(chan struct{}, batches+ahead), free: make(chan []byte, ahead+1), quit: make(chan struct{})}
	for k := range f.done {
		f.done[k] = make(chan batchResult, 1)
	}
	for range ahead {
		f.ahead <- struct{}{}
	}
	next := make(chan int)
	f.wg.Go(func() { f.dispatch(next, batches) })
	for range workers {
		f.wg.Go(func() {
			var encode batchFunc
			if f.encoder != nil {
				encode = f.encoder()
			}
			for k := range next {
				f.done[k] <- f.do(k, encode)
			}
		})
	}
	return f
}

// dispatch hands out the batches in order, each when there is room ahead for it.
func (f *filler) dispatch(next chan<- int, batches int) {
	defer close(next)
	for k := range batches {
		select {
		case <-f.ahead:
		case <-f.quit:
			return
		}
		select {
		case next <- k:
		case <-f.quit:
			return
		}
	}
}

func (f *filler) batch(k int) []geo.State {
	return f.states[k*fillBatch : min((k+1)*fillBatch, len(f.states))]
}

// do reads the sources of batch k and encodes it with encode, if not nil.
func (f *filler) do(k int, encode batchFunc) batchResult {
	batch := f.batch(k)
	changes := make([]*geo.Change, len(batch))
	for i, st := range batch {
		changes[i] = st.Period.Change
	}
	if err := f.ix.FillSources(changes); err != nil || encode == nil {
		return batchResult{err: err}
	}
	var buf []byte
	select {
	case buf = <-f.free:
	default:
		buf = make([]byte, 0, batchBytes)
	}
	b, err := encode(batch, buf[:0])
	return batchResult{bytes: b, err: err}
}

// reuse keeps buf for a batch to come.
func (f *filler) reuse(buf []byte) {
	if buf == nil {
		return
	}
	select {
	case f.free <- buf:
	default:
	}
}

// stop ends the goroutines, once the batch being read (if any) is done.
func (f *filler) stop() {
	close(f.quit)
	f.wg.Wait()
}
