package comments

import "github.com/spinscan/spinscan/features/lex"

// StemSet exposes lex.StemSet to the external tests.
var StemSet = lex.StemSet
