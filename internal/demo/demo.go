// Package demo owns the invented KOPIS catalogue that ships with the binary:
// 150 concerts in the shape of the KOPIS open API (kopis/list, kopis/detail)
// plus kopis/MANIFEST.json, the facts tests check the import against. The
// server loads it into an empty database so that a newcomer sees concerts
// without a KOPIS service key.
package demo

import "embed"

// FS holds the directory kopis/ (list/*.xml, detail/*.xml, MANIFEST.json).
//
//go:embed kopis
var FS embed.FS
