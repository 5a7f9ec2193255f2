package kopis_test

import (
	"testing"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/internal/kopis"
	"github.com/claco/claco/internal/reference"
)

func TestGenreOfName(t *testing.T) {
	tests := []struct {
		name string
		want concert.Genre
		ok   bool
	}{
		{"서양음악(클래식)", concert.GenreCLASSICAL, true},
		{"무용(서양/한국무용)", concert.GenreDANCE, true},
		{"무용", concert.GenreDANCE, true},
		{" 무용 ", concert.GenreDANCE, true},
		{"뮤지컬", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := kopis.GenreOfName(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("GenreOfName(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGenreCodes(t *testing.T) {
	for _, tt := range []struct {
		code, canonical string
		genre           concert.Genre
	}{
		{"CCCA", "CCCA", concert.GenreCLASSICAL},
		{"BBBC", "BBBC", concert.GenreDANCE},
		{"ccca", "CCCA", concert.GenreCLASSICAL},
	} {
		if got, ok := kopis.GenreOfCode(tt.code); !ok || got != tt.genre {
			t.Errorf("GenreOfCode(%q) = %q, %v; want %q", tt.code, got, ok, tt.genre)
		}
		if got, ok := kopis.CodeOf(tt.genre); !ok || got != tt.canonical {
			t.Errorf("CodeOf(%q) = %q, %v; want %q", tt.genre, got, ok, tt.canonical)
		}
	}
	if _, ok := kopis.GenreOfCode("AAAA"); ok {
		t.Error("GenreOfCode accepted theatre (AAAA)")
	}
	// The reference data names the same codes and names.
	for _, g := range reference.Static.Genres.List {
		byCode, ok := kopis.GenreOfCode(g.Code)
		if !ok {
			t.Errorf("reference genre code %s unknown", g.Code)
		}
		for _, name := range append([]string{g.Name}, g.AlsoSeenAs...) {
			if byName, ok := kopis.GenreOfName(name); !ok || byName != byCode {
				t.Errorf("reference genre name %q = %q, %v; want %q", name, byName, ok, byCode)
			}
		}
	}
}
