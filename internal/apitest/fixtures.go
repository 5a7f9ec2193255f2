package apitest

import (
	"context"
	"fmt"
	"time"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/keyword"
)

// Day returns the calendar day offset days from Today.
func Day(offset int) time.Time { return Today.AddDate(0, 0, offset) }

// ConcertSpec describes a concert to create; zero fields get defaults.
type ConcertSpec struct {
	Title      string
	Start, End time.Time
	Venue      string
	Area       string
	Genre      concert.Genre
	Cast       string
	MinPrice   *int
	MaxPrice   *int
	Free       bool
	Keywords   map[string]float64
}

var concertSeq int

// Concert creates a live concert running from s.Start to s.End (default: a
// week from a week from now).
func (a *API) Concert(s ConcertSpec) *ent.Concert {
	a.t.Helper()
	ctx := context.Background()
	concertSeq++
	if s.Title == "" {
		s.Title = fmt.Sprintf("테스트 공연 %d", concertSeq)
	}
	if s.Start.IsZero() {
		s.Start = Day(7)
	}
	if s.End.IsZero() {
		s.End = s.Start.AddDate(0, 0, 7)
	}
	if s.Genre == "" {
		s.Genre = concert.GenreCLASSICAL
	}
	if s.Area == "" {
		s.Area = "서울특별시"
	}
	if s.Venue == "" {
		s.Venue = "예술의전당 콘서트홀"
	}
	c := a.DB.Concert.Create().
		SetKopisID(fmt.Sprintf("PFT%06d", concertSeq)).
		SetTitle(s.Title).
		SetStartDate(s.Start).
		SetEndDate(s.End).
		SetVenue(s.Venue).
		SetArea(s.Area).
		SetGenre(s.Genre).
		SetCastText(s.Cast).
		SetNillableMinPrice(s.MinPrice).
		SetNillableMaxPrice(s.MaxPrice).
		SetIsFree(s.Free).
		SaveX(ctx)
	if len(s.Keywords) > 0 {
		a.Score(c.ID, s.Keywords)
	}
	return c
}

// Score sets a concert's keyword scores (by keyword key).
func (a *API) Score(concertID int, scores map[string]float64) {
	a.t.Helper()
	ctx := context.Background()
	for key, score := range scores {
		k := a.DB.Keyword.Query().Where(keyword.Key(key)).OnlyX(ctx)
		a.DB.ConcertKeyword.Create().SetConcertID(concertID).SetKeywordID(k.ID).SetScore(score).SaveX(ctx)
	}
}

// Member creates an onboarded member with the nickname.
func (a *API) Member(nickname string) *ent.Member {
	a.t.Helper()
	return a.DB.Member.Create().
		SetNickname(nickname).
		SetEmail(nickname + "@example.com").
		SetRole("MEMBER").
		SaveX(context.Background())
}

// Like records that m likes c.
func (a *API) Like(m *ent.Member, c *ent.Concert) *ent.ConcertLike {
	a.t.Helper()
	return a.DB.ConcertLike.Create().SetMemberID(m.ID).SetConcertID(c.ID).SaveX(context.Background())
}

// Review writes a ticket review of c by m, in a book of m's (made if needed).
func (a *API) Review(m *ent.Member, c *ent.Concert, rating float64, content string) *ent.TicketReview {
	a.t.Helper()
	ctx := context.Background()
	book, err := a.DB.ClacoBook.Query().Where(clacobook.MemberID(m.ID)).First(ctx)
	if ent.IsNotFound(err) {
		book = a.DB.ClacoBook.Create().SetMemberID(m.ID).SetTitle(fmt.Sprintf("%s님의 이야기", *m.Nickname)).SetColor("#DD6339").SaveX(ctx)
	} else if err != nil {
		a.t.Fatal(err)
	}
	tags := a.DB.TagCategory.Query().Limit(5).AllX(ctx)
	places := a.DB.PlaceCategory.Query().AllX(ctx)
	var onePerPair []*ent.PlaceCategory
	for i := 0; i < len(places); i += 2 {
		onePerPair = append(onePerPair, places[i])
	}
	return a.DB.TicketReview.Create().
		SetMemberID(m.ID).
		SetConcertID(c.ID).
		SetBookID(book.ID).
		SetWatchDate(c.StartDate).
		SetWatchRound("19:30").
		SetRating(rating).
		SetContent(content).
		AddTags(tags...).
		AddPlaceReviews(onePerPair...).
		SaveX(ctx)
}

// Reindex rebuilds the recommendation index from the database now, as the
// server's poll does after the importer (another process) writes.
func (a *API) Reindex() {
	a.t.Helper()
	if err := a.Server.Recommendations().Refresh(context.Background()); err != nil {
		a.t.Fatal(err)
	}
}
