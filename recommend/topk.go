package recommend

// candidate is a scored position in the index.
type candidate struct {
	pos   int32
	score float32
}

// better orders candidates: higher score first, then lower position (lower id).
func better(a, b candidate) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.pos < b.pos
}

// topK keeps the k best candidates seen in a min-heap whose root is the worst
// kept one, so that most offers cost one comparison.
type topK struct {
	k    int
	heap []candidate
}

func (t *topK) reset(k int, buf []candidate) {
	t.k = k
	t.heap = buf[:0]
}

// offer considers c for the top k.
func (t *topK) offer(c candidate) {
	if len(t.heap) < t.k {
		t.heap = append(t.heap, c)
		t.up(len(t.heap) - 1)
		return
	}
	if t.k == 0 || !better(c, t.heap[0]) {
		return
	}
	t.heap[0] = c
	t.down(0)
}

// full reports whether k candidates are kept, after which only a candidate
// better than worst() can enter.
func (t *topK) full() bool { return len(t.heap) == t.k }

func (t *topK) worst() candidate { return t.heap[0] }

// sorted empties the heap and returns the kept candidates best first.
func (t *topK) sorted() []candidate {
	h := t.heap
	for end := len(h) - 1; end > 0; end-- {
		h[0], h[end] = h[end], h[0]
		t.heap = h[:end]
		t.down(0)
	}
	t.heap = h
	return h
}

func (t *topK) up(i int) {
	h := t.heap
	for i > 0 {
		parent := (i - 1) / 2
		if !better(h[parent], h[i]) {
			break
		}
		h[parent], h[i] = h[i], h[parent]
		i = parent
	}
}

func (t *topK) down(i int) {
	h := t.heap
	for {
		worst := i
		l, r := 2*i+1, 2*i+2
		if l < len(h) && better(h[worst], h[l]) {
			worst = l
		}
		if r < len(h) && better(h[worst], h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}
