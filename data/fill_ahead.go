package data

import (
	"iter"
	"runtime"
	"sync"

	"github.com/controlmap/controlmap/geo"
)

// fillBatch is how many states fillAhead fills at a time: one query of readDetails.
const fillBatch = detailBatch

// fillAhead yields states in order, a batch at a time, each batch with the sources of its
// changes in force filled, and reads the sources of the next batches while the caller
// encodes the ones yielded: a snapshot costs about the longer of reading and encoding rather
// than their sum. A few batches are read ahead, no more, so memory stays bounded. The error
// is that of the first batch that could not be filled; nothing is yielded after it.
func fillAhead(ix *geo.Index, states []geo.State) iter.Seq2[[]geo.State, error] {
	return func(yield func([]geo.State, error) bool) {
		batches := (len(states) + fillBatch - 1) / fillBatch
		workers := max(1, min(batches, runtime.GOMAXPROCS(0), 4))
		f := newFiller(ix, states, batches, workers)
		defer f.stop()
		for k := range batches {
			err := <-f.done[k]
			if !yield(f.batch(k), err) || err != nil {
				return
			}
			f.ahead <- struct{}{} // batch k is out: one more may be read
		}
	}
}

// filler reads the sources of batches of states on a few goroutines, never more than ahead
// batches past the one last yielded.
type filler struct {
	ix     *geo.Index
	states []geo.State
	done   []chan error // done[k] receives batch k's outcome
	ahead  chan struct{}
	quit   chan struct{}
	wg     sync.WaitGroup
}

func newFiller(ix *geo.Index, states []geo.State, batches, workers int) *filler {
	f := &filler{ix: ix, states: states, done: make([]chan error, batches), ahead: make(chan struct{}, batches+2*workers), quit: make(chan struct{})}
	for k := range f.done {
		f.done[k] = make(chan error, 1)
	}
	for range min(batches, 2*workers) {
		f.ahead <- struct{}{}
	}
	next := make(chan int)
	f.wg.Go(func() { f.dispatch(next, batches) })
	for range workers {
		f.wg.Go(func() {
			for k := range next {
				f.done[k] <- f.fill(k)
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

// fill reads the sources of batch k.
func (f *filler) fill(k int) error {
	batch := f.batch(k)
	changes := make([]*geo.Change, len(batch))
	for i, st := range batch {
		changes[i] = st.Period.Change
	}
	return f.ix.FillSources(changes)
}

// stop ends the goroutines, once the batch being read (if any) is done.
func (f *filler) stop() {
	close(f.quit)
	f.wg.Wait()
}
