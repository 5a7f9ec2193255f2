package kopis

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ListItem is one <db> row of the list response (/pblprfr).
type ListItem struct {
	ID        string `xml:"mt20id"`
	Title     string `xml:"prfnm"`
	From      string `xml:"prfpdfrom"` // yyyy.MM.dd
	To        string `xml:"prfpdto"`   // yyyy.MM.dd
	Venue     string `xml:"fcltynm"`
	Poster    string `xml:"poster"`
	Area      string `xml:"area"`
	GenreName string `xml:"genrenm"`
	OpenRun   Flag   `xml:"openrun"`
	State     string `xml:"prfstate"`
	// UpdateDate is only sent by some list queries; the detail always has it.
	UpdateDate string `xml:"updatedate"` // yyyy-MM-dd HH:mm:ss, Asia/Seoul
}

// Detail is the single <db> row of the detail response (/pblprfr/{mt20id}).
type Detail struct {
	ID               string   `xml:"mt20id"`
	FacilityID       string   `xml:"mt10id"`
	Title            string   `xml:"prfnm"`
	From             string   `xml:"prfpdfrom"`
	To               string   `xml:"prfpdto"`
	Venue            string   `xml:"fcltynm"`
	Cast             string   `xml:"prfcast"`
	Crew             string   `xml:"prfcrew"`
	Runtime          string   `xml:"prfruntime"`
	Age              string   `xml:"prfage"`
	Producer         string   `xml:"entrpsnm"`
	ProducerPlanning string   `xml:"entrpsnmP"`
	ProducerAgency   string   `xml:"entrpsnmA"`
	ProducerHost     string   `xml:"entrpsnmH"`
	ProducerSponsor  string   `xml:"entrpsnmS"`
	PriceGuidance    string   `xml:"pcseguidance"`
	Poster           string   `xml:"poster"`
	Synopsis         string   `xml:"sty"`
	Area             string   `xml:"area"`
	GenreName        string   `xml:"genrenm"`
	OpenRun          Flag     `xml:"openrun"`
	Visit            Flag     `xml:"visit"`
	Child            Flag     `xml:"child"`
	Daehakro         Flag     `xml:"daehakro"`
	Festival         Flag     `xml:"festival"`
	MusicalLicense   Flag     `xml:"musicallicense"`
	MusicalCreate    Flag     `xml:"musicalcreate"`
	UpdateDate       string   `xml:"updatedate"`
	State            string   `xml:"prfstate"`
	IntroImages      []string `xml:"styurls>styurl"`
	Schedule         string   `xml:"dtguidance"`
	Relates          []Relate `xml:"relates>relate"`
}

// Relate is a ticket vendor link of a detail.
type Relate struct {
	Name string `xml:"relatenm"`
	URL  string `xml:"relateurl"`
}

// Flag is a KOPIS Y/N field.
type Flag bool

// UnmarshalText reads "Y" as true and anything else (N, blank) as false.
func (f *Flag) UnmarshalText(b []byte) error {
	*f = Flag(strings.EqualFold(strings.TrimSpace(string(b)), "Y"))
	return nil
}

// MarshalText writes Y or N, as KOPIS does.
func (f Flag) MarshalText() ([]byte, error) {
	if f {
		return []byte("Y"), nil
	}
	return []byte("N"), nil
}

// APIError is the error envelope KOPIS answers with HTTP 200:
// <db><returncode>02</returncode><errmsg>…</errmsg></db>.
type APIError struct {
	Code    string
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("kopis: error %s: %s", e.Code, e.Message)
}

// ErrNotFound is returned for a detail request KOPIS answers with no row.
var ErrNotFound = errors.New("kopis: performance not found")

// ParseList decodes a list response. An empty <dbs></dbs> is an empty page.
func ParseList(data []byte) ([]ListItem, error) {
	var doc struct {
		envelope
		Rows []struct {
			ListItem
			envelope
		} `xml:"db"`
	}
	if err := decode(data, &doc, &doc.envelope, func(i int) *envelope {
		if i < len(doc.Rows) {
			return &doc.Rows[i].envelope
		}
		return nil
	}); err != nil {
		return nil, err
	}
	items := make([]ListItem, len(doc.Rows))
	for i := range doc.Rows {
		items[i] = doc.Rows[i].ListItem
		items[i].trim()
	}
	return items, nil
}

// ParseDetail decodes a detail response. A response without a row is ErrNotFound.
func ParseDetail(data []byte) (*Detail, error) {
	var doc struct {
		envelope
		Rows []struct {
			Detail
			envelope
		} `xml:"db"`
	}
	if err := decode(data, &doc, &doc.envelope, func(i int) *envelope {
		if i < len(doc.Rows) {
			return &doc.Rows[i].envelope
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if len(doc.Rows) == 0 {
		return nil, ErrNotFound
	}
	d := &doc.Rows[0].Detail
	d.trim()
	return d, nil
}

// envelope is the error KOPIS may send in place of the rows, with HTTP 200:
// <dbs><db><returncode>02</returncode><errmsg>…</errmsg></db></dbs>, or the
// same <db> as the root.
type envelope struct {
	ReturnCode string `xml:"returncode"`
	ErrMsg     string `xml:"errmsg"`
}

// decode decodes the document into doc in one pass, then looks for the error
// envelope, at the root (root) or in a row (rows), before it checks that the
// root is <dbs>: KOPIS sends the envelope in place of the rows. row returns
// the envelope fields of row i, nil past the last. A document cut in the
// middle is an error.
func decode(data []byte, doc any, root *envelope, row func(i int) *envelope) error {
	var name struct {
		XMLName xml.Name
	}
	if err := strictUnmarshal(data, doc, &name.XMLName); err != nil {
		return fmt.Errorf("kopis: decode response: %w", err)
	}
	code, msg := root.ReturnCode, root.ErrMsg
	for i := 0; row(i) != nil; i++ {
		if r := row(i); r.ReturnCode != "" {
			code, msg = r.ReturnCode, r.ErrMsg
			break
		}
	}
	// 00 is KOPIS's "normal service"; every other code is a failure.
	if code = strings.TrimSpace(code); code != "" && code != "00" {
		return &APIError{Code: code, Message: strings.TrimSpace(msg)}
	}
	if name.XMLName.Local != "dbs" {
		return fmt.Errorf("kopis: decode response: root element <%s>, want <dbs>", name.XMLName.Local)
	}
	return nil
}

// strictUnmarshal decodes one document, whose root element it names in
// root, and rejects anything but whitespace after it, so that a response cut
// in the middle is an error.
func strictUnmarshal(data []byte, v any, root *xml.Name) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty document")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		if start, ok := tok.(xml.StartElement); ok {
			*root = start.Name
			if err := d.DecodeElement(v, &start); err != nil {
				return err
			}
			break
		}
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Comment, xml.ProcInst:
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return errors.New("text after the root element")
			}
		default:
			return errors.New("content after the root element")
		}
	}
}

// trim removes the surrounding whitespace of every field: KOPIS writes a
// blank field as a single space.
func (l *ListItem) trim() {
	trimAll(&l.ID, &l.Title, &l.From, &l.To, &l.Venue, &l.Poster, &l.Area,
		&l.GenreName, &l.State, &l.UpdateDate)
}

func (d *Detail) trim() {
	trimAll(&d.ID, &d.FacilityID, &d.Title, &d.From, &d.To, &d.Venue, &d.Cast, &d.Crew,
		&d.Runtime, &d.Age, &d.Producer, &d.ProducerPlanning, &d.ProducerAgency,
		&d.ProducerHost, &d.ProducerSponsor, &d.PriceGuidance, &d.Poster, &d.Synopsis,
		&d.Area, &d.GenreName, &d.UpdateDate, &d.State, &d.Schedule)
	d.IntroImages = nonBlank(d.IntroImages)
	relates := d.Relates[:0]
	for _, r := range d.Relates {
		trimAll(&r.Name, &r.URL)
		if r.URL != "" {
			relates = append(relates, r)
		}
	}
	d.Relates = relates
}

func trimAll(fields ...*string) {
	for _, f := range fields {
		*f = strings.TrimSpace(*f)
	}
}

func nonBlank(items []string) []string {
	out := items[:0]
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
