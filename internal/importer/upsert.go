package importer

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/concertkeyword"
	"github.com/claco/claco/internal/keywordscore"
	"github.com/claco/claco/internal/softdelete"
)

// ImportRecord imports one record in its own transaction, so that a bad
// record fails alone. It returns Failed with the reason when nothing was written.
// The importers write records in batches (see importBatch); this is the path
// of a single record, and of a batch that has to be written record by record.
func (im *Importer) ImportRecord(ctx context.Context, r Record) (Outcome, error) {
	if err := im.loadKeywords(ctx); err != nil {
		return Failed, err
	}
	p, outcome, err := im.prepare(ctx, r)
	if p == nil {
		if outcome == Skipped {
			im.log().DebugContext(ctx, "skipped a record outside classical music and dance", "kopis_id", r.ID(), "reason", err.Error())
			return Skipped, nil
		}
		return Failed, err
	}
	return im.writeOne(ctx, p)
}

// writeOne upserts a prepared record in a transaction of its own.
func (im *Importer) writeOne(ctx context.Context, p *prepared) (Outcome, error) {
	want := p.want
	tx, err := im.DB.Tx(ctx)
	if err != nil {
		return Failed, fmt.Errorf("%s: begin: %w", want.KopisID, err)
	}
	outcome, err := im.upsert(ctx, tx.Client(), want, p.scores)
	if err == nil && !im.DryRun && (outcome == Created || outcome == Updated) {
		if err = tx.Commit(); err == nil {
			return outcome, nil
		}
		return Failed, fmt.Errorf("%s: commit: %w", want.KopisID, err)
	}
	if rbErr := tx.Rollback(); rbErr != nil && err == nil {
		err = rbErr
	}
	if err != nil {
		return Failed, fmt.Errorf("%s: %w", want.KopisID, err)
	}
	return outcome, nil
}

// upsert writes want over the live concert with its KOPIS id, or creates it.
func (im *Importer) upsert(ctx context.Context, c *ent.Client, want *ent.Concert, scores keywordscore.Result) (Outcome, error) {
	have, err := c.Concert.Query().Where(concert.KopisID(want.KopisID)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		// The soft-delete interceptor hid any deleted row; look on purpose so
		// that an import never brings back what an administrator removed.
		deleted, err := c.Concert.Query().Where(concert.KopisID(want.KopisID)).Exist(softdelete.IncludeDeleted(ctx))
		if err != nil {
			return Failed, err
		}
		if deleted {
			return KeptDeleted, nil
		}
		create := c.Concert.Create()
		setFields(create.Mutation(), want, false, im.now())
		created, err := create.Save(ctx)
		if err != nil {
			return Failed, err
		}
		return Created, im.insertScores(ctx, c, created.ID, scores)
	case err != nil:
		return Failed, err
	}
	have.Edges.KeywordScores, err = c.ConcertKeyword.Query().Where(concertkeyword.ConcertID(have.ID)).All(ctx)
	if err != nil {
		return Failed, err
	}
	sameScores := im.sameScores(have.Edges.KeywordScores, scores)
	if sameContent(have, want) && sameScores {
		return Unchanged, nil
	}
	return Updated, im.update(ctx, c, have, want, scores, sameScores, im.now())
}

// update writes want over the live concert have, and its keyword rows
// unless they already are scores.
func (im *Importer) update(ctx context.Context, c *ent.Client, have, want *ent.Concert, scores keywordscore.Result, sameScores bool, now time.Time) error {
	update := c.Concert.UpdateOne(have)
	setFields(update.Mutation(), want, true, now)
	if err := update.Exec(ctx); err != nil {
		return err
	}
	if sameScores {
		return nil
	}
	return im.writeScores(ctx, c, have.ID, scores)
}

// writeScores replaces a concert's keyword rows with its non-zero scores and
// their evidence.
func (im *Importer) writeScores(ctx context.Context, c *ent.Client, concertID int, scores keywordscore.Result) error {
	if _, err := c.ConcertKeyword.Delete().Where(concertkeyword.ConcertID(concertID)).Exec(ctx); err != nil {
		return fmt.Errorf("replace keyword scores: %w", err)
	}
	return im.insertScores(ctx, c, concertID, scores)
}

// insertScores writes the keyword rows of a concert that has none, in one
// statement.
func (im *Importer) insertScores(ctx context.Context, c *ent.Client, concertID int, scores keywordscore.Result) error {
	var rows []*ent.ConcertKeywordCreate
	for i, v := range scores.Scores {
		if v > 0 {
			rows = append(rows, c.ConcertKeyword.Create().
				SetConcertID(concertID).SetKeywordID(im.keywordIDs[i]).SetScore(v).SetEvidence(evidenceOf(scores, i)))
		}
	}
	if err := c.ConcertKeyword.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("write keyword scores: %w", err)
	}
	return nil
}

// sameScores reports whether the stored keyword rows are the scores, with
// the same evidence, or need not change because an admin curated them.
func (im *Importer) sameScores(rows []*ent.ConcertKeyword, scores keywordscore.Result) bool {
	if curated(rows) {
		return true
	}
	stored := make(map[int]*ent.ConcertKeyword, len(rows))
	for _, r := range rows {
		stored[r.KeywordID] = r
	}
	n := 0
	for i, v := range scores.Scores {
		if v == 0 {
			continue
		}
		n++
		got, ok := stored[im.keywordIDs[i]]
		if !ok || math.Abs(got.Score-v) > 1e-9 || !slices.Equal(got.Evidence, evidenceOf(scores, i)) {
			return false
		}
	}
	return n == len(stored)
}

// evidenceOf is the evidence of keyword i, never nil.
func evidenceOf(r keywordscore.Result, i int) []string {
	if r.Evidence[i] == nil {
		return []string{}
	}
	return r.Evidence[i]
}

// setFields copies every KOPIS-derived field of c into a create or update
// mutation. On update a missing value clears the column, so that a field
// KOPIS emptied is emptied here too.
func setFields(m *ent.ConcertMutation, c *ent.Concert, update bool, now time.Time) {
	m.SetKopisID(c.KopisID)
	m.SetFacilityID(c.FacilityID)
	m.SetTitle(c.Title)
	m.SetStartDate(c.StartDate)
	m.SetEndDate(c.EndDate)
	m.SetVenue(c.Venue)
	m.SetArea(c.Area)
	m.SetGenre(c.Genre)
	m.SetGenreName(c.GenreName)
	m.SetKopisState(c.KopisState)
	m.SetOpenRun(c.OpenRun)
	m.SetIntroImageUrls(c.IntroImageUrls)
	m.SetCastText(c.CastText)
	m.SetCrewText(c.CrewText)
	m.SetPrices(c.Prices)
	m.SetIsFree(c.IsFree)
	m.SetBookingLinks(c.BookingLinks)
	m.SetVisit(c.Visit)
	m.SetChild(c.Child)
	m.SetDaehakro(c.Daehakro)
	m.SetFestival(c.Festival)
	m.SetMusicalLicense(c.MusicalLicense)
	m.SetMusicalCreate(c.MusicalCreate)
	m.SetImportedAt(now)
	optionals := []struct {
		value *string
		set   func(string)
		clear func()
	}{
		{c.PosterURL, m.SetPosterURL, m.ClearPosterURL},
		{c.Synopsis, m.SetSynopsis, m.ClearSynopsis},
		{c.Summary, m.SetSummary, m.ClearSummary},
		{c.Runtime, m.SetRuntime, m.ClearRuntime},
		{c.AgeLimit, m.SetAgeLimit, m.ClearAgeLimit},
		{c.Producer, m.SetProducer, m.ClearProducer},
		{c.ProducerPlanning, m.SetProducerPlanning, m.ClearProducerPlanning},
		{c.ProducerAgency, m.SetProducerAgency, m.ClearProducerAgency},
		{c.ProducerHost, m.SetProducerHost, m.ClearProducerHost},
		{c.ProducerSponsor, m.SetProducerSponsor, m.ClearProducerSponsor},
		{c.PriceGuidance, m.SetPriceGuidance, m.ClearPriceGuidance},
		{c.ScheduleGuidance, m.SetScheduleGuidance, m.ClearScheduleGuidance},
	}
	for _, o := range optionals {
		switch {
		case o.value != nil:
			o.set(*o.value)
		case update:
			o.clear()
		}
	}
	ints := []struct {
		value *int
		set   func(int)
		clear func()
	}{
		{c.RuntimeMinutes, m.SetRuntimeMinutes, m.ClearRuntimeMinutes},
		{c.MinPrice, m.SetMinPrice, m.ClearMinPrice},
		{c.MaxPrice, m.SetMaxPrice, m.ClearMaxPrice},
	}
	for _, o := range ints {
		switch {
		case o.value != nil:
			o.set(*o.value)
		case update:
			o.clear()
		}
	}
	switch {
	case c.KopisUpdatedAt != nil:
		m.SetKopisUpdatedAt(*c.KopisUpdatedAt)
	case update:
		m.ClearKopisUpdatedAt()
	}
}

// sameContent reports whether the stored concert already holds everything
// KOPIS says (the fields setFields writes, but imported_at).
func sameContent(have, want *ent.Concert) bool {
	return have.KopisID == want.KopisID &&
		have.FacilityID == want.FacilityID &&
		have.Title == want.Title &&
		have.StartDate.Equal(want.StartDate) &&
		have.EndDate.Equal(want.EndDate) &&
		have.Venue == want.Venue &&
		have.Area == want.Area &&
		have.Genre == want.Genre &&
		have.GenreName == want.GenreName &&
		have.KopisState == want.KopisState &&
		have.OpenRun == want.OpenRun &&
		slices.Equal(have.IntroImageUrls, want.IntroImageUrls) &&
		have.CastText == want.CastText &&
		have.CrewText == want.CrewText &&
		slices.Equal(have.Prices, want.Prices) &&
		have.IsFree == want.IsFree &&
		slices.Equal(have.BookingLinks, want.BookingLinks) &&
		have.Visit == want.Visit &&
		have.Child == want.Child &&
		have.Daehakro == want.Daehakro &&
		have.Festival == want.Festival &&
		have.MusicalLicense == want.MusicalLicense &&
		have.MusicalCreate == want.MusicalCreate &&
		equalPtr(have.PosterURL, want.PosterURL) &&
		equalPtr(have.Synopsis, want.Synopsis) &&
		equalPtr(have.Summary, want.Summary) &&
		equalPtr(have.Runtime, want.Runtime) &&
		equalPtr(have.AgeLimit, want.AgeLimit) &&
		equalPtr(have.Producer, want.Producer) &&
		equalPtr(have.ProducerPlanning, want.ProducerPlanning) &&
		equalPtr(have.ProducerAgency, want.ProducerAgency) &&
		equalPtr(have.ProducerHost, want.ProducerHost) &&
		equalPtr(have.ProducerSponsor, want.ProducerSponsor) &&
		equalPtr(have.PriceGuidance, want.PriceGuidance) &&
		equalPtr(have.ScheduleGuidance, want.ScheduleGuidance) &&
		equalPtr(have.RuntimeMinutes, want.RuntimeMinutes) &&
		equalPtr(have.MinPrice, want.MinPrice) &&
		equalPtr(have.MaxPrice, want.MaxPrice) &&
		equalTime(have.KopisUpdatedAt, want.KopisUpdatedAt)
}

func equalPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func equalTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
