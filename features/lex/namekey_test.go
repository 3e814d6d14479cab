package lex

import (
	"slices"
	"testing"
)

// TestNameKey checks that a name gets the same key in Cyrillic (in any
// case ending) and in its usual English spelling, and that different
// names keep different keys.
func TestNameKey(t *testing.T) {
	same := [][]string{
		{"Зеленский", "Зеленского", "Zelensky", "Zelenskyy"},
		{"Москва", "Москве", "Moscow"},
		{"Путин", "Путина", "Путину", "Putin"},
		{"Варшава", "Warsaw"},
		{"Харків", "Kharkiv"},
		{"Київ", "Kyiv"},
		{"Александр", "Alexander", "Aleksandr"},
		{"Украина", "Україна", "Ukraine"},
		{"Гончаренко", "Honcharenko", "Goncharenko"},
		{"Бальзак", "Balzac"},
	}
	var keys []string
	for _, names := range same {
		want := NameKey(names[0])
		if want == "" {
			t.Fatalf("NameKey(%q) is empty", names[0])
		}
		for _, n := range names[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, want %q (the key of %q)", n, got, want, names[0])
			}
		}
		if slices.Contains(keys, want) {
			t.Errorf("NameKey(%q) = %q, the key of another name of the table", names[0], want)
		}
		keys = append(keys, want)
	}
	for _, n := range []string{"", "2022", "—", "'"} {
		if k := NameKey(n); k != "" {
			t.Errorf("NameKey(%q) = %q, want empty", n, k)
		}
	}
}

// TestAnchorKeys checks that a Russian sentence and its English
// translation give the same sequence of keys.
func TestAnchorKeys(t *testing.T) {
	ru := "Вчера Путин встретился в Москве с Зеленским: переговоры длились 30 часов."
	en := "Yesterday Putin met Zelensky in Moscow: the talks lasted 30 hours."
	got, other := AnchorKeys(ru), AnchorKeys(en)
	if len(got) != 4 || !slices.Contains(other, got[0]) || !slices.Contains(got, "30") {
		t.Fatalf("AnchorKeys(ru) = %q, AnchorKeys(en) = %q", got, other)
	}
	if k := AnchorKeys("Steps 1, 2 and 3 of 2024"); !slices.Equal(k, []string{"2024"}) {
		t.Errorf("AnchorKeys kept one-digit numbers: %q", k)
	}
	slices.Sort(got)
	slices.Sort(other)
	if !slices.Equal(got, other) {
		t.Errorf("the keys differ: %q and %q", got, other)
	}
}
