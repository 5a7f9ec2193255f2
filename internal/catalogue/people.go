package catalogue

import "strings"

// People splits KOPIS's cast or crew text ("윤지우, 임주원, 권채원 등") into
// names, dropping the trailing "등" (and others) and blanks.
func People(text string) []string {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '\n' || r == '/' })
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		f = strings.TrimSpace(f)
		f = strings.TrimSpace(strings.TrimSuffix(f, " 등"))
		if f == "" || f == "등" {
			continue
		}
		names = append(names, f)
	}
	return names
}
