package demo

import (
	"encoding/json"
	"fmt"
	"io/fs"
)

// Fact is what kopis/MANIFEST.json states about one demo concert: what a
// correct import must find in its KOPIS files.
type Fact struct {
	ID     string   `json:"mt20id"`
	Genre  string   `json:"genre"` // KOPIS genre code
	Title  string   `json:"prfnm"`
	From   string   `json:"prfpdfrom"`
	To     string   `json:"prfpdto"`
	Area   string   `json:"area"`
	Mood   string   `json:"mood"` // the keyword a sensible scorer ranks first
	Seats  [][2]any `json:"seats"`
	Free   bool     `json:"free"`
	Images []string `json:"styurls"`
	// Relates are booking links as [name, url].
	Relates [][2]string `json:"relates"`
}

// Manifest returns the facts of every demo concert.
func Manifest() ([]Fact, error) {
	data, err := fs.ReadFile(FS, "kopis/MANIFEST.json")
	if err != nil {
		return nil, err
	}
	var facts []Fact
	if err := json.Unmarshal(data, &facts); err != nil {
		return nil, fmt.Errorf("MANIFEST.json: %w", err)
	}
	return facts, nil
}
