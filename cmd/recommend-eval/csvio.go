package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/claco/claco/recommend"
)

// readCSV calls row for every record after the header, with its line number.
func readCSV(path string, minFields int, row func(line int, rec []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if line == 1 {
			continue // header
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < minFields {
			return fmt.Errorf("%s:%d: want at least %d fields, got %d", path, line, minFields, len(rec))
		}
		if err := row(line, rec); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}

func parseInt(s string) (int64, error) { return strconv.ParseInt(strings.TrimSpace(s), 10, 64) }

func parseFloat(s string) (float32, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 32)
	return float32(v), err
}

// readItems reads `id,<features…>`; every item is active.
func readItems(path string) ([]recommend.Item, error) {
	var items []recommend.Item
	dim := -1
	err := readCSV(path, 1, func(_ int, rec []string) error {
		id, err := parseInt(rec[0])
		if err != nil {
			return err
		}
		if dim < 0 {
			dim = len(rec) - 1
		}
		if len(rec)-1 != dim {
			return fmt.Errorf("item %d has %d features, earlier items %d", id, len(rec)-1, dim)
		}
		features := make([]float32, dim)
		for f := range features {
			if features[f], err = parseFloat(rec[f+1]); err != nil {
				return err
			}
		}
		items = append(items, recommend.Item{ID: id, Features: features, Active: true})
		return nil
	})
	return items, err
}

// readTrain reads `member,item,weight,time`.
func readTrain(path string) ([]recommend.Interaction, error) {
	var ins []recommend.Interaction
	err := readCSV(path, 4, func(_ int, rec []string) error {
		var in recommend.Interaction
		var err error
		if in.Member, err = parseInt(rec[0]); err != nil {
			return err
		}
		if in.Item, err = parseInt(rec[1]); err != nil {
			return err
		}
		if in.Weight, err = parseFloat(rec[2]); err != nil {
			return err
		}
		if in.Time, err = parseInt(rec[3]); err != nil {
			return err
		}
		ins = append(ins, in)
		return nil
	})
	return ins, err
}

// testPair is one held-out (member, item).
type testPair struct{ member, item int64 }

// readTest reads `member,item`.
func readTest(path string) ([]testPair, error) {
	var pairs []testPair
	err := readCSV(path, 2, func(_ int, rec []string) error {
		var p testPair
		var err error
		if p.member, err = parseInt(rec[0]); err != nil {
			return err
		}
		if p.item, err = parseInt(rec[1]); err != nil {
			return err
		}
		pairs = append(pairs, p)
		return nil
	})
	return pairs, err
}

// writeCSV writes a header and rows to path.
func writeCSV(path string, header []string, rows func(w *csv.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	err = w.Write(header)
	if err == nil {
		err = rows(w)
	}
	w.Flush()
	err = errors.Join(err, w.Error(), bw.Flush(), f.Close())
	return err
}

func writeItems(path string, items []recommend.Item) error {
	var header []string
	header = append(header, "id")
	if len(items) > 0 {
		for f := range items[0].Features {
			header = append(header, fmt.Sprintf("f%d", f))
		}
	}
	return writeCSV(path, header, func(w *csv.Writer) error {
		for _, it := range items {
			rec := []string{strconv.FormatInt(it.ID, 10)}
			for _, v := range it.Features {
				rec = append(rec, strconv.FormatFloat(float64(v), 'f', 4, 32))
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

func writeTrain(path string, ins []recommend.Interaction) error {
	return writeCSV(path, []string{"member", "item", "weight", "time"}, func(w *csv.Writer) error {
		for _, in := range ins {
			if err := w.Write([]string{
				strconv.FormatInt(in.Member, 10), strconv.FormatInt(in.Item, 10),
				strconv.FormatFloat(float64(in.Weight), 'g', -1, 32), strconv.FormatInt(in.Time, 10),
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

func writeTest(path string, ins []recommend.Interaction) error {
	return writeCSV(path, []string{"member", "item"}, func(w *csv.Writer) error {
		for _, in := range ins {
			if err := w.Write([]string{strconv.FormatInt(in.Member, 10), strconv.FormatInt(in.Item, 10)}); err != nil {
				return err
			}
		}
		return nil
	})
}
