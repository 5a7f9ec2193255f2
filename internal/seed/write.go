package seed

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/database"
)

// writer inserts the planned rows with ent bulk creates, in batches, one
// transaction per kind of row.
type writer struct {
	db    *ent.Client
	batch int
	now   time.Time
}

// maxParams bounds the bound parameters of one INSERT: SQLite allows 32,766.
const maxParams = 30_000

// batchFor is the batch size for rows of width columns.
func (w *writer) batchFor(columns int) int { return max(1, min(w.batch, maxParams/columns)) }

// inBatches calls fn for each batch [lo, hi) of n rows.
func inBatches(n, size int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) concerts(ctx context.Context, g *generator) error {
	return database.InTx(ctx, w.db, func(tx *ent.Client) error {
		err := inBatches(len(g.concerts), w.batchFor(48), func(lo, hi int) error {
			rows := make([]*ent.ConcertCreate, 0, hi-lo)
			for _, c := range g.concerts[lo:hi] {
				imported := c.created
				rows = append(rows, tx.Concert.Create().
					SetCreatedAt(c.created).
					SetUpdatedAt(c.created).
					SetKopisID(c.kopisID).
					SetFacilityID("FC"+c.kopisID[3:]).
					SetTitle(c.title).
					SetStartDate(c.start).
					SetEndDate(c.end).
					SetVenue(c.venue).
					SetArea(c.area).
					SetGenre(c.genre).
					SetGenreName(genreName(c.genre)).
					SetKopisState(c.state).
					SetPosterURL(c.posterURL).
					SetIntroImageUrls(c.images).
					SetCastText(castText(c.cast)).
					SetCrewText(c.crew).
					SetRuntime(c.runtime).
					SetNillableRuntimeMinutes(c.minutes).
					SetAgeLimit(c.age).
					SetProducer(c.producer).
					SetPriceGuidance(c.guidance).
					SetPrices(c.prices).
					SetNillableMinPrice(c.minPrice).
					SetNillableMaxPrice(c.maxPrice).
					SetIsFree(c.free).
					SetScheduleGuidance(c.schedule).
					SetBookingLinks(c.links).
					SetKopisUpdatedAt(imported).
					SetImportedAt(imported))
			}
			saved, err := tx.Concert.CreateBulk(rows...).Save(ctx)
			if err != nil {
				return fmt.Errorf("seed concerts: %w", err)
			}
			for i, s := range saved {
				g.concerts[lo+i].id = s.ID
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Keyword scores, in concert order.
		type score struct {
			c *concertPlan
			k int
		}
		var scores []score
		for _, c := range g.concerts {
			for k, v := range c.scores {
				if v > 0 {
					scores = append(scores, score{c, k})
				}
			}
		}
		return inBatches(len(scores), w.batchFor(7), func(lo, hi int) error {
			rows := make([]*ent.ConcertKeywordCreate, 0, hi-lo)
			for _, s := range scores[lo:hi] {
				rows = append(rows, tx.ConcertKeyword.Create().
					SetCreatedAt(s.c.created).
					SetUpdatedAt(s.c.created).
					SetConcertID(s.c.id).
					SetKeywordID(g.ref.Keywords[s.k].ID).
					SetScore(s.c.scores[s.k]).
					SetEvidence(s.c.evidence[s.k]))
			}
			if err := tx.ConcertKeyword.CreateBulk(rows...).Exec(ctx); err != nil {
				return fmt.Errorf("seed keyword scores: %w", err)
			}
			return nil
		})
	})
}

func (w *writer) members(ctx context.Context, g *generator) error {
	return database.InTx(ctx, w.db, func(tx *ent.Client) error {
		err := inBatches(len(g.members), w.batchFor(12), func(lo, hi int) error {
			rows := make([]*ent.MemberCreate, 0, hi-lo)
			for _, m := range g.members[lo:hi] {
				rows = append(rows, tx.Member.Create().
					SetCreatedAt(m.created).
					SetUpdatedAt(m.created).
					SetEmail(m.email).
					SetNickname(m.nickname).
					SetRole("MEMBER").
					SetGender(m.gender).
					SetAgeBand(m.ageBand))
			}
			saved, err := tx.Member.CreateBulk(rows...).Save(ctx)
			if err != nil {
				return fmt.Errorf("seed members: %w", err)
			}
			for i, s := range saved {
				g.members[lo+i].id = s.ID
			}
			return nil
		})
		if err != nil {
			return err
		}
		// Preferences: 9 columns and five join rows of two (their keywords).
		return inBatches(len(g.members), w.batchFor(9+10), func(lo, hi int) error {
			rows := make([]*ent.PreferenceCreate, 0, hi-lo)
			for _, m := range g.members[lo:hi] {
				ids := make([]int, len(m.keywords))
				for i, k := range m.keywords {
					ids[i] = g.ref.Keywords[k].ID
				}
				at := m.created.Add(3 * time.Minute)
				rows = append(rows, tx.Preference.Create().
					SetCreatedAt(at).
					SetUpdatedAt(at).
					SetMemberID(m.id).
					SetRegions(m.regions).
					SetTypes(m.types).
					SetMinPrice(m.minPrice).
					SetMaxPrice(m.maxPrice).
					AddKeywordIDs(ids...))
			}
			if err := tx.Preference.CreateBulk(rows...).Exec(ctx); err != nil {
				return fmt.Errorf("seed preferences: %w", err)
			}
			return nil
		})
	})
}

func (w *writer) likes(ctx context.Context, g *generator) error {
	return database.InTx(ctx, w.db, func(tx *ent.Client) error {
		return inBatches(len(g.likes), w.batchFor(8), func(lo, hi int) error {
			rows := make([]*ent.ConcertLikeCreate, 0, hi-lo)
			for _, l := range g.likes[lo:hi] {
				rows = append(rows, tx.ConcertLike.Create().
					SetCreatedAt(l.at).
					SetUpdatedAt(l.at).
					SetMemberID(g.members[l.member].id).
					SetConcertID(g.concerts[l.concert].id).
					SetLikedAt(l.at.UnixNano()))
			}
			if err := tx.ConcertLike.CreateBulk(rows...).Exec(ctx); err != nil {
				return fmt.Errorf("seed likes: %w", err)
			}
			return nil
		})
	})
}

func (w *writer) library(ctx context.Context, g *generator) error {
	return database.InTx(ctx, w.db, func(tx *ent.Client) error {
		err := inBatches(len(g.books), w.batchFor(8), func(lo, hi int) error {
			rows := make([]*ent.ClacoBookCreate, 0, hi-lo)
			for _, b := range g.books[lo:hi] {
				rows = append(rows, tx.ClacoBook.Create().
					SetCreatedAt(b.created).
					SetUpdatedAt(b.created).
					SetMemberID(g.members[b.member].id).
					SetTitle(b.title).
					SetColor(b.color))
			}
			saved, err := tx.ClacoBook.CreateBulk(rows...).Save(ctx)
			if err != nil {
				return fmt.Errorf("seed books: %w", err)
			}
			for i, s := range saved {
				g.books[lo+i].id = s.ID
			}
			return nil
		})
		if err != nil {
			return err
		}
		// A review row has 16 columns and ten join rows of two.
		return inBatches(len(g.reviews), w.batchFor(16+20), func(lo, hi int) error {
			rows := make([]*ent.TicketReviewCreate, 0, hi-lo)
			for _, rv := range g.reviews[lo:hi] {
				tags := make([]int, len(rv.tags))
				for i, t := range rv.tags {
					tags[i] = g.ref.TagCategories[t].ID
				}
				places := make([]int, len(rv.places))
				for i, p := range rv.places {
					places[i] = g.ref.PlaceCategories[p].ID
				}
				rows = append(rows, tx.TicketReview.Create().
					SetCreatedAt(rv.created).
					SetUpdatedAt(rv.created).
					SetMemberID(g.members[rv.member].id).
					SetConcertID(g.concerts[rv.concert].id).
					SetBookID(g.books[rv.book].id).
					SetWatchDate(rv.watch).
					SetWatchRound(rv.round).
					SetNillableSeat(rv.seat).
					SetRating(rv.rating).
					SetCastings(rv.castings).
					SetContent(rv.content).
					AddTagIDs(tags...).
					AddPlaceReviewIDs(places...))
			}
			if err := tx.TicketReview.CreateBulk(rows...).Exec(ctx); err != nil {
				return fmt.Errorf("seed reviews: %w", err)
			}
			return nil
		})
	})
}

func genreName(g concert.Genre) string {
	if g == concert.GenreDANCE {
		return "무용(서양/한국무용)"
	}
	return "서양음악(클래식)"
}

// castText is a cast as KOPIS writes it: "이도윤, 최하은, 신유준 등".
func castText(names []string) string {
	out := strings.Join(names, ", ")
	if len(names) > 2 {
		out += " 등"
	}
	return out
}
