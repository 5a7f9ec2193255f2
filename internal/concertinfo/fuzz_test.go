package concertinfo_test

// A fuzz target for the JSON the concert row stores its seat prices and
// booking links in. Crashers the fuzzer found are kept in testdata/fuzz.
// .ci/fuzz runs it for a bounded time.

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claco/claco/internal/concertinfo"
)

// FuzzJSON: seat prices and booking links with text the XML decoder can
// deliver (valid UTF-8) come back from their stored JSON unchanged, and
// any stored JSON either fails to decode or decodes to values that encode
// back to the same values.
func FuzzJSON(f *testing.F) {
	f.Add("R석", 100000, "놀유니버스", "http://ticket.interpark.com/Ticket/Goods/GoodsInfo.asp?GoodsCode=26012886",
		`[{"seat":"R석","price":100000},{"seat":"S석","price":70000}]`)
	f.Add("전석", 0, "", "", `[]`)
	f.Add("<\"&'>\u2028", -1, "a\x00b", "\t", `[{"seat":"\ud800","price":1e3}]`)
	f.Add("", 2147483647, "예스24", "https://ticket.yes24.com/Perf/12345", `[{"name":"a","url":"b","seat":"c"}]`)
	f.Fuzz(func(t *testing.T, seat string, price int, name, url, stored string) {
		if utf8.ValidString(seat) && utf8.ValidString(name) && utf8.ValidString(url) {
			prices := []concertinfo.SeatPrice{{Seat: seat, Price: price}}
			links := []concertinfo.BookingLink{{Name: name, URL: url}}
			var backPrices []concertinfo.SeatPrice
			var backLinks []concertinfo.BookingLink
			roundTrip(t, prices, &backPrices)
			roundTrip(t, links, &backLinks)
			if !reflect.DeepEqual(backPrices, prices) || !reflect.DeepEqual(backLinks, links) {
				t.Fatalf("round trip changed %+v %+v into %+v %+v", prices, links, backPrices, backLinks)
			}
		}
		for _, v := range []any{&[]concertinfo.SeatPrice{}, &[]concertinfo.BookingLink{}} {
			if err := json.NewDecoder(strings.NewReader(stored)).Decode(v); err != nil {
				continue
			}
			once, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%T from %q does not encode: %v", v, stored, err)
			}
			again := reflect.New(reflect.TypeOf(v).Elem()).Interface()
			if err := json.Unmarshal(once, again); err != nil || !reflect.DeepEqual(again, v) {
				t.Fatalf("%T from %q: %s decodes to %+v, %v", v, stored, once, again, err)
			}
		}
	})
}

func roundTrip(t *testing.T, v, back any) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %+v: %v", v, err)
	}
	if !utf8.Valid(data) {
		t.Fatalf("JSON %q is not UTF-8", data)
	}
	if err := json.Unmarshal(data, back); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
}
