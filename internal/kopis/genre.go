package kopis

import (
	"strings"

	"github.com/claco/claco/ent/concert"
)

// The KOPIS genre codes (shcate) Claco loads.
const (
	CodeClassical = "CCCA" // 서양음악(클래식)
	CodeDance     = "BBBC" // 무용(서양/한국무용)
)

// Codes are the genre codes Claco loads, classical first.
var Codes = []string{CodeClassical, CodeDance}

// GenreOfName maps a genrenm to Claco's genre. KOPIS names dance both
// "무용(서양/한국무용)" and "무용", so dance matches on the prefix.
func GenreOfName(name string) (concert.Genre, bool) {
	name = strings.TrimSpace(name)
	switch {
	case name == "서양음악(클래식)":
		return concert.GenreCLASSICAL, true
	case name == "무용" || strings.HasPrefix(name, "무용("):
		return concert.GenreDANCE, true
	}
	return "", false
}

// GenreOfCode maps a genre code (shcate) to Claco's genre.
func GenreOfCode(code string) (concert.Genre, bool) {
	switch strings.ToUpper(strings.TrimSpace(code)) {
	case CodeClassical:
		return concert.GenreCLASSICAL, true
	case CodeDance:
		return concert.GenreDANCE, true
	}
	return "", false
}

// CodeOf returns the genre code KOPIS lists a genre under.
func CodeOf(g concert.Genre) (string, bool) {
	switch g {
	case concert.GenreCLASSICAL:
		return CodeClassical, true
	case concert.GenreDANCE:
		return CodeDance, true
	}
	return "", false
}
