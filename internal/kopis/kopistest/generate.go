package kopistest

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/claco/claco/internal/demo"
	"github.com/claco/claco/internal/kopis"
)

// Generate returns n invented performances laid out like internal/demo/kopis
// (list/<genre>-p1.xml and detail/<mt20id>.xml), for New to serve or for
// ImportFS to read: large catalogues for benchmarks without files on disk.
// Performance i is a copy of demo concert i%150 (so its genre, dates and
// keywords are realistic) under the id PFG<i, 7 digits> with the number
// appended to its title. The same n gives the same bytes.
func Generate(n int) (fstest.MapFS, error) {
	type base struct {
		code   string
		detail *kopis.Detail
	}
	var bases []base
	pages, err := fs.Glob(demo.FS, "kopis/list/*.xml")
	if err != nil {
		return nil, err
	}
	sort.Strings(pages)
	for _, page := range pages {
		data, err := fs.ReadFile(demo.FS, page)
		if err != nil {
			return nil, err
		}
		items, err := kopis.ParseList(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", page, err)
		}
		code, _, _ := strings.Cut(path.Base(page), "-")
		for _, it := range items {
			data, err := fs.ReadFile(demo.FS, "kopis/detail/"+it.ID+".xml")
			if err != nil {
				return nil, err
			}
			d, err := kopis.ParseDetail(data)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", it.ID, err)
			}
			bases = append(bases, base{code, d})
		}
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("no demo concerts")
	}
	out := fstest.MapFS{}
	lists := map[string][]kopis.ListItem{}
	var codes []string
	for i := range n {
		b := bases[i%len(bases)]
		d := *b.detail
		id := fmt.Sprintf("PFG%07d", i)
		d.Poster = strings.ReplaceAll(d.Poster, d.ID, id)
		d.IntroImages = append([]string(nil), d.IntroImages...)
		for j := range d.IntroImages {
			d.IntroImages[j] = strings.ReplaceAll(d.IntroImages[j], d.ID, id)
		}
		d.ID = id
		d.Title = fmt.Sprintf("%s %d", d.Title, i)
		data, err := marshal(d)
		if err != nil {
			return nil, err
		}
		out["detail/"+id+".xml"] = &fstest.MapFile{Data: data}
		if _, ok := lists[b.code]; !ok {
			codes = append(codes, b.code)
		}
		lists[b.code] = append(lists[b.code], kopis.ListItem{
			ID: d.ID, Title: d.Title, From: d.From, To: d.To, Venue: d.Venue, Poster: d.Poster,
			Area: d.Area, GenreName: d.GenreName, OpenRun: d.OpenRun, State: d.State,
		})
	}
	for _, code := range codes {
		data, err := marshal(lists[code]...)
		if err != nil {
			return nil, err
		}
		out["list/"+code+"-p1.xml"] = &fstest.MapFile{Data: data}
	}
	return out, nil
}

// marshal writes rows as a KOPIS response document.
func marshal[T any](rows ...T) ([]byte, error) {
	doc := struct {
		XMLName xml.Name `xml:"dbs"`
		Rows    []T      `xml:"db"`
	}{Rows: rows}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}
