// Package translation is the translation-artifacts feature family: it tells
// English pages that were machine-translated (or round-tripped through
// another language to disguise a copy) from English originals and from
// careful human translations, from the page's own text and, when the crawl
// offers one, a page of the same story in another language.
//
// The family looks for four kinds of evidence:
//
//   - artifacts a careful writer or translator does not leave: one speaker's
//     pronoun switching ("he said" … "she recalled"), sentences starting in
//     lower case after a full stop, quote marks opened inside an open quote,
//     foreign quote, number and date styles («», „“, 1.234,5, 22.10.2023),
//     attribution lines of foreign outlets ("Source: TSF", "(EFE)") and
//     untranslated spans;
//   - a compact translationese profile: function-word share, contraction
//     rate and lexical variety (moving-average type/token ratio);
//   - fluency under a small English word-trigram model built from English
//     originals (see english.lm and internal/lmbuild): mean log
//     probability per word, the share of unseen trigrams and the worst
//     sentence. A sentence the model was built from is scored as the model
//     built without it (and its paraphrases, when they were added as a
//     group) would, internal/ngram, so the training rows that hold such
//     sentences do not read as unusually fluent;
//   - cross-lingual peers: a page of the same story cluster in another
//     language that is not later than this one.
//
// Only the artifacts raise the translation_artifacts flag, and only when at
// least three different kinds are found (minKinds), so that a forum post's
// lower-case starts and stray quotes do not flag it; the profile and
// fluency columns go to the model as they are. Pages not in English get zeros except for the
// english and peer_other_lang columns.
//
// Language ID on short spans uses the script of the span and the model's
// English vocabulary (ForeignSpans); the page language comes from
// extraction (github.com/abadojack/whatlanggo on the whole text). See
// LANGID.md for the measured comparison with lingua-go and why it was not
// adopted.
package translation

//go:generate go run ./internal/lmbuild -corpus ../../../shared/corpus -o english.lm
