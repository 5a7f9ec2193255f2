package importer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/keywordscore"
	"github.com/claco/claco/internal/softdelete"
)

// DefaultBatchSize is how many records the importers look up and write
// together when Importer.BatchSize is not set.
const DefaultBatchSize = 200

// maxBatchAge bounds how long a record waits in a batch that fills slowly (a
// rate-limited import): the batch is written when it is this old.
const maxBatchAge = 2 * time.Second

// prepared is a record turned into the concert it describes.
type prepared struct {
	want   *ent.Concert
	scores keywordscore.Result
}

// prepare turns a record into its concert. A record that makes none returns
// nil with Skipped (outside classical music and dance) or Failed, and the reason.
func (im *Importer) prepare(ctx context.Context, r Record) (*prepared, Outcome, error) {
	want, scores, err := concertOf(r)
	switch {
	case errors.Is(err, errNotClassical):
		return nil, Skipped, err
	case err != nil:
		return nil, Failed, fmt.Errorf("%s: %w", r.ID(), err)
	}
	scores, summary := im.enrich(ctx, want, scores)
	want.Summary = &summary
	return &prepared{want: want, scores: scores}, Created, nil
}

// result is what importing one record of a batch did.
type result struct {
	outcome Outcome
	err     error // why it failed

	have       *ent.Concert // the live concert an update writes over
	sameScores bool         // the update keeps the keyword rows
}

// batcher imports records in the order they are added, a batch at a time:
// one query finds the stored concerts of a whole batch, and the batch's
// changes are written in one transaction. Records that did not change cost
// no transaction at all. A record that fails to be written fails alone: the
// batch is rolled back and its other records are written one transaction
// each.
type batcher struct {
	im          *Importer
	sum         *Summary
	size        int
	pending     []*prepared
	ids         map[string]bool // KOPIS ids pending
	started     time.Time       // when the first pending record came
	done, total int
}

func (im *Importer) newBatcher(sum *Summary, total int) *batcher {
	size := im.BatchSize
	if size < 1 {
		size = DefaultBatchSize
	}
	b := &batcher{im: im, sum: sum, size: size, ids: map[string]bool{}, total: total}
	b.progress()
	return b
}

// add imports r (when its batch is written). It returns an error only when
// the import must stop: the context ended.
func (b *batcher) add(ctx context.Context, r Record) error {
	p, outcome, err := b.im.prepare(ctx, r)
	return b.addPrepared(ctx, r.ID(), p, outcome, err)
}

// addPrepared is add with the work of prepare done (by a fetching
// goroutine): p, or the outcome and reason of a record that makes no concert.
func (b *batcher) addPrepared(ctx context.Context, id string, p *prepared, outcome Outcome, err error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if p == nil {
		if outcome == Skipped {
			b.im.log().DebugContext(ctx, "skipped a record outside classical music and dance", "kopis_id", id, "reason", err.Error())
		} else {
			b.im.log().WarnContext(ctx, "concert not imported", "kopis_id", id, "error", err.Error())
		}
		b.count(outcome)
		return nil
	}
	if b.ids[p.want.KopisID] {
		// The same concert twice: the second must see what the first wrote.
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	if len(b.pending) == 0 {
		b.started = time.Now()
	}
	b.pending = append(b.pending, p)
	b.ids[p.want.KopisID] = true
	if len(b.pending) >= b.size || time.Since(b.started) >= maxBatchAge {
		return b.flush(ctx)
	}
	return nil
}

// pass counts a record left out on purpose (not in the summary).
func (b *batcher) pass() {
	b.done++
	b.progress()
}

func (b *batcher) count(o Outcome) {
	b.sum.Add(o)
	b.pass()
}

func (b *batcher) progress() {
	if b.im.Progress != nil {
		b.im.Progress(b.done, b.total)
	}
}

// flush writes the pending records and counts them.
func (b *batcher) flush(ctx context.Context) error {
	if len(b.pending) == 0 {
		return nil
	}
	batch := b.pending
	b.pending = nil
	clear(b.ids)
	results := b.im.importBatch(ctx, batch)
	cancelled := false
	for i, r := range results {
		switch {
		case r.err != nil && ctx.Err() != nil:
			cancelled = true // not written: the import stops, without counting it
			continue
		case r.err != nil:
			b.im.log().WarnContext(ctx, "concert not imported", "kopis_id", batch[i].want.KopisID, "error", r.err.Error())
			r.outcome = Failed
		case r.outcome == KeptDeleted:
			b.im.log().InfoContext(ctx, "concert deleted by an administrator, not revived", "kopis_id", batch[i].want.KopisID)
		}
		b.count(r.outcome)
	}
	if cancelled {
		return ctx.Err()
	}
	return nil
}

// importBatch imports records with distinct KOPIS ids and says what it did
// to each. A result without an error is true: the record was written (or
// needed not be). When ctx ends, the records not written have its error.
func (im *Importer) importBatch(ctx context.Context, batch []*prepared) []result {
	results := make([]result, len(batch))
	ids := make([]string, len(batch))
	for i, p := range batch {
		ids[i] = p.want.KopisID
	}
	// Deleted rows too: an import never brings back what an administrator removed.
	stored, err := im.DB.Concert.Query().
		Where(concert.KopisIDIn(ids...)).
		WithKeywordScores().
		All(softdelete.IncludeDeleted(ctx))
	if err != nil {
		im.writeEach(ctx, batch, results, nil)
		return results
	}
	live := make(map[string]*ent.Concert, len(stored))
	deleted := map[string]bool{}
	for _, c := range stored {
		if c.DeletedAt == nil {
			live[c.KopisID] = c
		} else {
			deleted[c.KopisID] = true
		}
	}
	var writes []int
	for i, p := range batch {
		have := live[p.want.KopisID]
		switch {
		case have == nil && deleted[p.want.KopisID]:
			results[i].outcome = KeptDeleted
		case have == nil:
			results[i].outcome = Created
			writes = append(writes, i)
		default:
			same := im.sameScores(have.Edges.KeywordScores, p.scores)
			if same && sameContent(have, p.want) {
				results[i].outcome = Unchanged
				continue
			}
			results[i] = result{outcome: Updated, have: have, sameScores: same}
			writes = append(writes, i)
		}
	}
	if len(writes) > 0 {
		im.writeBatch(ctx, batch, results, writes)
	}
	return results
}

// writeBatch writes the records writes (indexes into batch, whose results
// say Created or Updated) in one transaction: the new concerts in one
// statement, then each record's keyword rows and update. A record whose
// writing fails is counted failed and the others are written again, each in
// its own transaction; so are all of them when the batch fails as a whole.
func (im *Importer) writeBatch(ctx context.Context, batch []*prepared, results []result, writes []int) {
	tx, err := im.DB.Tx(ctx)
	if err != nil {
		im.writeEach(ctx, batch, results, writes)
		return
	}
	c := tx.Client()
	now := im.now()
	var creates []*ent.ConcertCreate
	var created []string
	for _, i := range writes {
		if results[i].outcome == Created {
			create := c.Concert.Create()
			setFields(create.Mutation(), batch[i].want, false, now)
			creates = append(creates, create)
			created = append(created, batch[i].want.KopisID)
		}
	}
	idOf := map[string]int{}
	if len(creates) > 0 {
		if err := c.Concert.CreateBulk(creates...).Exec(ctx); err != nil {
			_ = tx.Rollback()
			im.writeEach(ctx, batch, results, writes)
			return
		}
		// Read the new ids back rather than trust consecutive AUTO_INCREMENT values.
		rows, err := c.Concert.Query().Where(concert.KopisIDIn(created...)).
			Select(concert.FieldID, concert.FieldKopisID).All(ctx)
		if err != nil || len(rows) != len(created) {
			_ = tx.Rollback()
			im.writeEach(ctx, batch, results, writes)
			return
		}
		for _, r := range rows {
			idOf[r.KopisID] = r.ID
		}
	}
	for k, i := range writes {
		p, r := batch[i], results[i]
		var err error
		switch id, ok := idOf[p.want.KopisID]; {
		case r.outcome == Updated:
			err = im.update(ctx, c, r.have, p.want, p.scores, r.sameScores, now)
		case !ok:
			err = errors.New("created concert not found")
		default:
			err = im.insertScores(ctx, c, id, p.scores)
		}
		if err != nil {
			_ = tx.Rollback()
			results[i] = result{outcome: Failed, err: fmt.Errorf("%s: %w", p.want.KopisID, err)}
			rest := append(append([]int(nil), writes[:k]...), writes[k+1:]...)
			im.writeEach(ctx, batch, results, rest)
			return
		}
	}
	if im.DryRun {
		_ = tx.Rollback()
		return
	}
	if err := tx.Commit(); err != nil {
		im.writeEach(ctx, batch, results, writes)
	}
}

// writeEach imports the records writes (all of batch when nil) one
// transaction each.
func (im *Importer) writeEach(ctx context.Context, batch []*prepared, results []result, writes []int) {
	if writes == nil {
		writes = make([]int, len(batch))
		for i := range writes {
			writes[i] = i
		}
	}
	for _, i := range writes {
		if err := ctx.Err(); err != nil {
			results[i] = result{outcome: Failed, err: err}
			continue
		}
		outcome, err := im.writeOne(ctx, batch[i])
		results[i] = result{outcome: outcome, err: err}
	}
}
