package importer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/internal/concertinfo"
	"github.com/claco/claco/internal/keywordscore"
	"github.com/claco/claco/internal/kopis"
)

// Record is one KOPIS performance as fetched: its list row, its detail, or
// both. The detail is the fuller source; a record with only a list row still
// makes a concert, without the fields only the detail carries.
type Record struct {
	List   *kopis.ListItem
	Detail *kopis.Detail
	// GenreCode is the shcate the performance was listed under (CCCA, BBBC),
	// used when its genrenm is not one Claco knows.
	GenreCode string
}

// ID returns the KOPIS id (mt20id).
func (r Record) ID() string {
	switch {
	case r.Detail != nil && r.Detail.ID != "":
		return r.Detail.ID
	case r.List != nil:
		return r.List.ID
	}
	return ""
}

// Length limits of the concert columns that hold KOPIS free text. Text
// beyond them is cut (on a character boundary) rather than losing the
// concert: a long producer list is no reason not to list a performance.
const (
	maxTitle     = 500
	maxVenue     = 500
	maxArea      = 64
	maxGenreName = 64
	maxState     = 32
	maxShort     = 255 // runtime, age limit
	maxProducer  = 500
	maxKopisID   = 32 // mt20id, mt10id
	maxURL       = 1024
)

// errNotClassical is a record outside classical music and dance (국악,
// 대중음악, …): KOPIS lists them too, and Claco has no place for them.
var errNotClassical = errors.New("neither classical music nor dance")

// concertOf turns a record into the concert it describes (without database
// ids or timestamps) and the concert's keyword scores with their evidence.
func concertOf(r Record) (*ent.Concert, keywordscore.Result, error) {
	var none keywordscore.Result
	if r.List == nil && r.Detail == nil {
		return nil, none, errors.New("empty record")
	}
	// l holds the fields list and detail share: the detail's where it has
	// them, else the list row's.
	var l kopis.ListItem
	if r.List != nil {
		l = *r.List
	}
	d := r.Detail
	if d != nil {
		l = kopis.ListItem{
			ID:         firstNonEmpty(d.ID, l.ID),
			Title:      firstNonEmpty(d.Title, l.Title),
			From:       firstNonEmpty(d.From, l.From),
			To:         firstNonEmpty(d.To, l.To),
			Venue:      firstNonEmpty(d.Venue, l.Venue),
			Poster:     firstNonEmpty(d.Poster, l.Poster),
			Area:       firstNonEmpty(d.Area, l.Area),
			GenreName:  firstNonEmpty(d.GenreName, l.GenreName),
			OpenRun:    d.OpenRun,
			State:      firstNonEmpty(d.State, l.State),
			UpdateDate: firstNonEmpty(d.UpdateDate, l.UpdateDate),
		}
	}
	if l.ID == "" || len(l.ID) > maxKopisID {
		return nil, none, fmt.Errorf("mt20id %q: want 1 to %d characters", l.ID, maxKopisID)
	}
	if l.Title == "" {
		return nil, none, errors.New("no title (prfnm)")
	}
	start, err := kopis.ParseDate(l.From)
	if err != nil {
		return nil, none, fmt.Errorf("start date: %w", err)
	}
	end, err := kopis.ParseDate(l.To)
	if err != nil {
		return nil, none, fmt.Errorf("end date: %w", err)
	}
	genre, ok := kopis.GenreOfName(l.GenreName)
	if !ok {
		if genre, ok = kopis.GenreOfCode(r.GenreCode); !ok {
			return nil, none, fmt.Errorf("%w: genre %q", errNotClassical, l.GenreName)
		}
	}
	c := &ent.Concert{
		KopisID:        l.ID,
		Title:          fit(l.Title, maxTitle),
		StartDate:      start,
		EndDate:        end,
		Venue:          fit(l.Venue, maxVenue),
		Area:           fit(l.Area, maxArea),
		Genre:          genre,
		GenreName:      fit(l.GenreName, maxGenreName),
		KopisState:     fit(l.State, maxState),
		OpenRun:        bool(l.OpenRun),
		PosterURL:      optional(whole(l.Poster, maxURL)),
		IntroImageUrls: []string{},
		Prices:         []concertinfo.SeatPrice{},
		BookingLinks:   []concertinfo.BookingLink{},
	}
	if l.UpdateDate != "" {
		at, err := kopis.ParseUpdateDate(l.UpdateDate)
		if err != nil {
			return nil, none, err
		}
		c.KopisUpdatedAt = &at
	}
	if d != nil {
		fillDetail(c, d)
	}
	scores := keywordscore.Explain(scorerInput(c, ""))
	return c, scores, nil
}

// fillDetail sets the fields only the detail carries.
func fillDetail(c *ent.Concert, d *kopis.Detail) {
	c.FacilityID = whole(d.FacilityID, maxKopisID)
	c.Synopsis = optional(d.Synopsis)
	c.CastText = d.Cast
	c.CrewText = d.Crew
	c.Runtime = optional(fit(d.Runtime, maxShort))
	c.RuntimeMinutes = kopis.ParseRuntime(d.Runtime)
	c.AgeLimit = optional(fit(d.Age, maxShort))
	c.Producer = optional(fit(d.Producer, maxProducer))
	c.ProducerPlanning = optional(fit(d.ProducerPlanning, maxProducer))
	c.ProducerAgency = optional(fit(d.ProducerAgency, maxProducer))
	c.ProducerHost = optional(fit(d.ProducerHost, maxProducer))
	c.ProducerSponsor = optional(fit(d.ProducerSponsor, maxProducer))
	c.PriceGuidance = optional(d.PriceGuidance)
	prices := kopis.ParsePrices(d.PriceGuidance)
	if prices.Seats != nil {
		c.Prices = prices.Seats
	}
	c.MinPrice, c.MaxPrice, c.IsFree = prices.Min, prices.Max, prices.Free
	c.ScheduleGuidance = optional(d.Schedule)
	if d.IntroImages != nil {
		c.IntroImageUrls = append([]string{}, d.IntroImages...)
	}
	for _, r := range d.Relates {
		c.BookingLinks = append(c.BookingLinks, concertinfo.BookingLink{Name: r.Name, URL: r.URL})
	}
	c.Visit, c.Child, c.Daehakro = bool(d.Visit), bool(d.Child), bool(d.Daehakro)
	c.Festival, c.MusicalLicense, c.MusicalCreate = bool(d.Festival), bool(d.MusicalLicense), bool(d.MusicalCreate)
}

// fit cuts s to at most n bytes (the columns' limits count bytes) without
// splitting a character.
func fit(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// whole is s if it fits in n bytes, else blank: an id or a URL cut short
// would name something else.
func whole(s string, n int) string {
	if len(s) > n {
		return ""
	}
	return s
}

// optional maps KOPIS's blank to NULL.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
