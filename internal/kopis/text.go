package kopis

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/claco/claco/internal/concertinfo"
)

// Prices is what a seat guidance (pcseguidance) says, parsed.
type Prices struct {
	// Seats are the seat classes with a price, in the order KOPIS lists them.
	// A concert that is free for everyone has none.
	Seats []concertinfo.SeatPrice
	// Min and Max are the lowest and highest price in won; nil when the
	// guidance names no price at all (e.g. "추후 공지"), 0 when it is free.
	Min, Max *int
	// Free is true when every seat is free.
	Free bool
}

var (
	// seatSeparator splits seat classes: "A, B", "A / B", "A\nB" or "A,\nB".
	// A comma without a following space belongs to a number ("100,000원").
	seatSeparator = regexp.MustCompile(`,\s+|\s+/\s+|\s*\n\s*|,$`)
	seatAmount    = regexp.MustCompile(`^(.*?)\s*(\d{1,3}(?:,\d{3})+|\d+)\s*원`)
)

// maxNumber bounds the prices and running times read from text: they are
// served as GraphQL Ints, which are 32-bit.
const maxNumber = math.MaxInt32

// allSeats is the seat name KOPIS uses for one price for everyone.
const allSeats = "전석"

// ParsePrices parses a seat guidance: "R석 100,000원, S석 70,000원",
// "VIP석 80,000원 / R석 60,000원", one seat a line, "전석 20,000원",
// "전석 무료" or "무료". Parts that name no price are ignored.
func ParsePrices(guidance string) Prices {
	var seats []concertinfo.SeatPrice
	for _, part := range seatSeparator.Split(strings.TrimSpace(guidance), -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if m := seatAmount.FindStringSubmatch(part); m != nil {
			price, err := strconv.Atoi(strings.ReplaceAll(m[2], ",", ""))
			if err != nil || price > maxNumber {
				continue // more than a GraphQL Int holds: not a price
			}
			seats = append(seats, concertinfo.SeatPrice{Seat: seatName(m[1]), Price: price})
			continue
		}
		if name, _, ok := strings.Cut(part, "무료"); ok {
			seats = append(seats, concertinfo.SeatPrice{Seat: seatName(name), Price: 0})
		}
	}
	var p Prices
	if len(seats) == 0 {
		return p
	}
	lo, hi := seats[0].Price, seats[0].Price
	for _, s := range seats[1:] {
		lo, hi = min(lo, s.Price), max(hi, s.Price)
	}
	p.Min, p.Max = &lo, &hi
	if hi == 0 {
		// Free for everyone: there is no seat class to list.
		p.Free = true
		return p
	}
	p.Seats = seats
	return p
}

// seatName is the seat class before a price; a bare price is for every seat.
func seatName(s string) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ":-"))
	if s == "" {
		return allSeats
	}
	return s
}

// runtimePattern reads "1시간 40분", "100분", "2시간" or "약 90분" at the start of the
// text; what follows (e.g. "(인터미션 15분 포함)") is commentary.
var runtimePattern = regexp.MustCompile(`^\s*(?:약\s*)?(?:(\d+)\s*시간)?\s*(?:(\d+)\s*분)?`)

// ParseRuntime returns the running time in minutes, or nil when the text
// gives none (blank, "미정") or a number too large to be one.
func ParseRuntime(s string) *int {
	m := runtimePattern.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[2] == "") {
		return nil
	}
	var parts [2]int
	for i, digits := range m[1:3] {
		if digits == "" {
			continue
		}
		n, err := strconv.Atoi(digits)
		if err != nil || n > maxNumber {
			return nil
		}
		parts[i] = n
	}
	total := parts[0]*60 + parts[1] // no overflow: both are at most maxNumber
	if total > maxNumber {
		return nil
	}
	return &total
}

// ParseDate reads a period date (yyyy.MM.dd) as midnight UTC, the way the
// database stores calendar days.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse("2006.01.02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("kopis: date %q: want yyyy.MM.dd", s)
	}
	return t, nil
}

// Seoul is KOPIS's clock. Korea has kept UTC+9 without daylight saving since
// 1988, so a fixed zone is exact and needs no tzdata on the host.
var Seoul = time.FixedZone("KST", 9*60*60)

// ParseUpdateDate reads updatedate (yyyy-MM-dd HH:mm:ss, Seoul time) as a UTC instant.
func ParseUpdateDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateTime, strings.TrimSpace(s), Seoul)
	if err != nil {
		return time.Time{}, fmt.Errorf("kopis: update date %q: want yyyy-MM-dd HH:mm:ss", s)
	}
	return t.UTC(), nil
}

// FormatDate writes a day the way the list query wants it (stdate, eddate).
func FormatDate(t time.Time) string { return t.Format("20060102") }
