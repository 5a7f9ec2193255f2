// Package keywordscore owns how Claco reads a concert's character from its
// KOPIS text: it scores the ten keywords (웅장한/섬세한, 고전적인/현대적인,
// 서정적인/역동적인, 낭만적인/비극적인, 친숙한/새로운) from the title, cast,
// crew, venue, synopsis and any extra text of a concert, and says which words
// gave each score (Explain). It is deterministic and needs no network or
// database.
//
// # Reading the text
//
// Real KOPIS records have a blank synopsis; the title names performers more
// often than works ("사이먼 래틀 경 & 바이에른 방송교향악단", "이지혜 x
// 김다솔: Beethoven Ⅱ") and the cast is a comma-separated list of names. So
// text is split at separators (commas, &, +, ×, /, :, brackets, quotes) into
// segments and each segment into tokens of one script, and a term is read
// only on word boundaries: a name list never spells a word across two names
// ("최지웅, 장대건" holds no 웅장), and a longer word never hides a shorter
// one ("첼리스트" holds no 리스트, "발레리오" no 발레). A term may still share
// a word with particles and endings ("베토벤의", "웅장한", "낭만주의"), with
// other terms ("필하모닉오케스트라") and with generic prefixes ("국립합창단"),
// and ensemble types and forms may end any compound ("KBS교향악단",
// "부천시립교향악단", "첼로협주곡"). Latin words match case-insensitively,
// without diacritics, as whole words. A title's programme is what it puts in
// <…> or 《…》, when it marks one; otherwise the whole title is read at full
// weight. See segments, splitTitle and knowledge.scan.
//
// # Scoring
//
// Every entity found (an orchestra, a composer, a work …) adds its weights,
// scaled by where it was found (title, cast, venue …), to the keywords;
// found twice it counts once. Per keyword the strongest evidence counts
// fully and each further piece half as much as the one before, since
// evidence of one kind (a recital in a recital hall) is largely one fact.
// Within each pair the side with more evidence gets a score in 0.3..1.0 and
// the other 0; a pair without evidence gets the genre's default (0.1..0.3).
// Whether a record is classical music or dance at all is kopis.GenreOfName's
// call, not this package's.
//
// # The knowledge base
//
// What the scorer knows is plain data in knowledge/, embedded in the binary:
//
//	ensembles.tsv        ensemble types, choirs, companies, solo instruments
//	orchestras.tsv       named orchestras, choirs and period ensembles
//	dance-companies.tsv  named ballet and dance companies
//	composers.tsv        composers in Korean and Latin script
//	choreographers.tsv   choreographers
//	works.tsv            well-known works: concert, opera, ballet, Korean
//	forms.tsv            musical and dance forms
//	themes.tsv           occasions, audiences, series, descriptive words
//	venues.tsv           words of hall names (read in the venue only)
//	prefixes.txt         words that may precede a term in one word
//	suffixes.txt         particles and endings that may follow one
//
// Each line of a .tsv file is one entity, in tab-separated columns:
//
//	spellings<TAB>weights[<TAB>flag]
//
// spellings are the entity's names separated by "|"; case, spaces and
// punctuation inside a spelling do not matter ("백조의 호수" also matches
// "백조의호수"), but a spelling must not contain a separator. weights are
// space-separated key=value pairs with keys from Keys and values in (0, 3],
// or "-" for none (an entity that only claims its word, e.g. "첼리스트").
// The scale: about 1.5-2 for a work whose character everyone knows, about 1
// for a composer's defining character or an ensemble's size, 0.2-0.6 for
// secondary traits and hints. The optional flag is "head" (the spellings
// may end a compound word whose first part is unknown) or "whole" (they may
// not); ensembles.tsv, forms.tsv and venues.tsv are head files, the others
// whole. "#" starts a comment. A spelling may appear in one entity only.
// The .txt files list words separated by spaces or lines.
package keywordscore
