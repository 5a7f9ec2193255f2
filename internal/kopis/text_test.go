package kopis_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/claco/claco/internal/concertinfo"
	"github.com/claco/claco/internal/kopis"
)

func intp(v int) *int { return &v }

func seat(name string, price int) concertinfo.SeatPrice {
	return concertinfo.SeatPrice{Seat: name, Price: price}
}

func TestParsePrices(t *testing.T) {
	tests := []struct {
		name, in string
		want     kopis.Prices
	}{
		{"comma separated", "R석 100,000원, S석 70,000원, A석 50,000원",
			kopis.Prices{Seats: []concertinfo.SeatPrice{seat("R석", 100000), seat("S석", 70000), seat("A석", 50000)}, Min: intp(50000), Max: intp(100000)}},
		{"slash separated", "VIP석 180,000원 / R석 130,000원 / S석 90,000원",
			kopis.Prices{Seats: []concertinfo.SeatPrice{seat("VIP석", 180000), seat("R석", 130000), seat("S석", 90000)}, Min: intp(90000), Max: intp(180000)}},
		{"one seat a line after a comma", "VIP석 80,000원,\nR석 60,000원,\nS석 40,000원",
			kopis.Prices{Seats: []concertinfo.SeatPrice{seat("VIP석", 80000), seat("R석", 60000), seat("S석", 40000)}, Min: intp(40000), Max: intp(80000)}},
		{"one seat a line", "R석 50,000원\nS석 30,000원",
			kopis.Prices{Seats: []concertinfo.SeatPrice{seat("R석", 50000), seat("S석", 30000)}, Min: intp(30000), Max: intp(50000)}},
		{"one price for all", "전석 20,000원",
			kopis.Prices{Seats: []concertinfo.SeatPrice{seat("전석", 20000)}, Min: intp(20000), Max: intp(20000)}},
		{"bare price", "10000원", kopis.Prices{Seats: []concertinfo.SeatPrice{seat("전석", 10000)}, Min: intp(10000), Max: intp(10000)}},
		{"free for all", "전석 무료", kopis.Prices{Min: intp(0), Max: intp(0), Free: true}},
		{"free", "무료", kopis.Prices{Min: intp(0), Max: intp(0), Free: true}},
		{"one free seat class", "R석 50,000원, 학생석 무료",
			kopis.Prices{Seats: []concertinfo.SeatPrice{seat("R석", 50000), seat("학생석", 0)}, Min: intp(0), Max: intp(50000)}},
		{"unordered", "S석 30,000원, VIP석 90,000원, R석 60,000원",
			kopis.Prices{Seats: []concertinfo.SeatPrice{seat("S석", 30000), seat("VIP석", 90000), seat("R석", 60000)}, Min: intp(30000), Max: intp(90000)}},
		{"no price named", "추후 공지", kopis.Prices{}},
		{"blank", " ", kopis.Prices{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kopis.ParsePrices(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParsePrices(%q) =\n %s\nwant\n %s", tt.in, show(got), show(tt.want))
			}
		})
	}
}

func show(p kopis.Prices) string {
	ptr := func(v *int) any {
		if v == nil {
			return nil
		}
		return *v
	}
	return fmtAny(p.Seats, ptr(p.Min), ptr(p.Max), p.Free)
}

func TestParseRuntime(t *testing.T) {
	tests := []struct {
		in   string
		want *int
	}{
		{"1시간 40분", intp(100)},
		{"100분", intp(100)},
		{"2시간", intp(120)},
		{"2시간 10분", intp(130)},
		{"1시간 30분", intp(90)},
		{"1시간30분", intp(90)},
		{"약 90분", intp(90)},
		{"1시간 40분 (인터미션 15분 포함)", intp(100)},
		{" ", nil},
		{"", nil},
		{"미정", nil},
	}
	for _, tt := range tests {
		got := kopis.ParseRuntime(tt.in)
		if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
			t.Errorf("ParseRuntime(%q) = %v, want %v", tt.in, deref(got), deref(tt.want))
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return "nil"
	}
	return *p
}

func TestParseDate(t *testing.T) {
	got, err := kopis.ParseDate("2027.02.28")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Fatalf("ParseDate = %v, want %v", got, want)
	}
	for _, bad := range []string{"", " ", "2027-02-28", "2027.02.30", "27.02.28"} {
		if _, err := kopis.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestParseUpdateDateIsSeoulTime(t *testing.T) {
	got, err := kopis.ParseUpdateDate("2027-01-06 10:00:00")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2027, 1, 6, 1, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Fatalf("ParseUpdateDate = %v, want %v", got, want)
	}
	// Before 09:00 in Seoul it is still the previous day in UTC.
	got, err = kopis.ParseUpdateDate("2026-03-01 08:30:15")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 2, 28, 23, 30, 15, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("ParseUpdateDate = %v, want %v", got, want)
	}
	for _, bad := range []string{"", "2027.01.06", "2027-01-06"} {
		if _, err := kopis.ParseUpdateDate(bad); err == nil {
			t.Errorf("ParseUpdateDate(%q) accepted", bad)
		}
	}
}

func TestFormatDate(t *testing.T) {
	if got := kopis.FormatDate(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)); got != "20260309" {
		t.Fatalf("FormatDate = %q", got)
	}
}
