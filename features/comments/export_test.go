package comments

// StemSet exposes stemSet to the external tests.
var StemSet = stemSet
