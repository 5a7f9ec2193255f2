package recommend

import "sync/atomic"

// Engine serves queries from the current Index while a new one is built and
// swapped in. Queries read one Index snapshot for their whole duration, so a
// swap never mixes two indexes in one answer; an old Index is freed when the
// last query on it returns.
type Engine struct {
	current atomic.Pointer[Index]
}

// NewEngine returns an Engine serving idx, which may be nil until the first build.
func NewEngine(idx *Index) *Engine {
	e := &Engine{}
	e.current.Store(idx)
	return e
}

// Index returns the Index queries are served from now, or nil.
func (e *Engine) Index() *Index { return e.current.Load() }

// Swap makes idx the Index for new queries and returns the previous one.
func (e *Engine) Swap(idx *Index) *Index { return e.current.Swap(idx) }

// Rebuild builds an Index from d and swaps it in; on error the current Index
// stays in service.
func (e *Engine) Rebuild(d Data, opts Options) error {
	idx, err := Build(d, opts)
	if err != nil {
		return err
	}
	e.Swap(idx)
	return nil
}

// Recommend is Index.Recommend on the current Index.
func (e *Engine) Recommend(p Profile, q Query, dst []Recommendation) ([]Recommendation, error) {
	idx := e.Index()
	if idx == nil {
		return dst[:0], ErrNoIndex
	}
	return idx.Recommend(p, q, dst)
}

// SimilarItems is Index.SimilarItems on the current Index.
func (e *Engine) SimilarItems(itemID int64, k int, exclude []int64, dst []SimilarItem) ([]SimilarItem, error) {
	idx := e.Index()
	if idx == nil {
		return dst[:0], ErrNoIndex
	}
	return idx.SimilarItems(itemID, k, exclude, dst)
}

// SimilarMembers is Index.SimilarMembers on the current Index.
func (e *Engine) SimilarMembers(p Profile, k int, dst []SimilarMember) ([]SimilarMember, error) {
	idx := e.Index()
	if idx == nil {
		return dst[:0], ErrNoIndex
	}
	return idx.SimilarMembers(p, k, dst)
}
