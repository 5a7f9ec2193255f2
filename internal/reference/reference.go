// Package reference owns Claco's fixed vocabulary: the ten keywords and their
// pairs, the tag and place categories, the regions and the KOPIS areas each
// stands for, genres, book colours and limits. The data is
// reference-data.json, embedded; Seed writes the database rows for it and Load
// reads them back once, so request paths never query reference data.
package reference

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed reference-data.json
var raw []byte

// Data is reference-data.json, decoded.
type Data struct {
	Keywords struct {
		List []struct {
			Key  string `json:"key"`
			Name string `json:"name"`
			Pair int    `json:"pair"`
		} `json:"list"`
	} `json:"keywords"`
	TagCategories struct {
		List []string `json:"list"`
	} `json:"tagCategories"`
	PlaceCategories struct {
		List []struct {
			Pair     string `json:"pair"`
			Name     string `json:"name"`
			Positive bool   `json:"positive"`
		} `json:"list"`
	} `json:"placeCategories"`
	Regions struct {
		List []Region `json:"list"`
	} `json:"regions"`
	Genres struct {
		List []struct {
			Code       string   `json:"code"`
			Name       string   `json:"name"`
			AlsoSeenAs []string `json:"alsoSeenAs"`
		} `json:"list"`
	} `json:"genres"`
	BookColors []string `json:"bookColors"`
	AgeBands   []int    `json:"ageBands"`
	Limits     Limits   `json:"limits"`
}

// Region is a preference region label and the KOPIS area names it stands for.
type Region struct {
	Label string   `json:"label"`
	Areas []string `json:"areas"`
}

// Limits are the product's quantitative rules.
type Limits struct {
	BooksPerMember        int     `json:"booksPerMember"`
	TicketsPerBook        int     `json:"ticketsPerBook"`
	ReviewImages          int     `json:"reviewImages"`
	ReviewTextChars       int     `json:"reviewTextChars"`
	TagsPerReview         int     `json:"tagsPerReview"`
	PlaceReviewsPerReview int     `json:"placeReviewsPerReview"`
	RatingMin             float64 `json:"ratingMin"`
	RatingMax             float64 `json:"ratingMax"`
	RatingStep            float64 `json:"ratingStep"`
	NicknameChars         [2]int  `json:"nicknameChars"`
	BookTitleChars        [2]int  `json:"bookTitleChars"`
	UploadBytes           int64   `json:"uploadBytes"`
}

// Static is the embedded reference data. It never changes while the process runs.
var Static = mustDecode(raw)

func mustDecode(b []byte) Data {
	var d Data
	if err := json.Unmarshal(b, &d); err != nil {
		panic(fmt.Sprintf("reference-data.json: %v", err))
	}
	return d
}

// KeywordCount is the length of every keyword vector.
const KeywordCount = 10

// RegionAreas returns the KOPIS areas of a region label, and whether the label exists.
func RegionAreas(label string) ([]string, bool) {
	for _, r := range Static.Regions.List {
		if r.Label == label {
			return r.Areas, true
		}
	}
	return nil, false
}
