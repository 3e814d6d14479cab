package model

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Dataset is a feature matrix with its sample ids, gold labels and
// cross-validation groups, as held in a feature CSV.
//
// The CSV header is id,label,group[,fold],<columns...>. An empty label marks
// an unlabeled sample (a crawl page that is not scored); an empty feature
// cell is a missing value (NaN). The optional fold column holds the fold
// index from [Folds], so that other tools (scripts/sklearn_compare.py) can
// reuse the same split.
type Dataset struct {
	IDs    []string
	Labels []string
	Groups []string
	// Fold holds the fold column, or is nil if the file has none.
	Fold    []int
	Columns []string
	X       [][]float64
}

// ReadCSV reads a feature CSV. Errors name the line and column at fault.
func ReadCSV(r io.Reader) (*Dataset, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("model: csv header: %w", err)
	}
	if len(head) < 4 || head[0] != "id" || head[1] != "label" || head[2] != "group" {
		return nil, errors.New("model: csv header: want id,label,group[,fold],<columns...> with at least one column")
	}
	first := 3
	d := &Dataset{}
	if head[3] == "fold" {
		first = 4
		d.Fold = []int{}
	}
	d.Columns = append([]string(nil), head[first:]...)
	if len(d.Columns) == 0 {
		return nil, errors.New("model: csv header: no feature columns")
	}
	if err := uniqueNames("column", d.Columns); err != nil {
		return nil, fmt.Errorf("model: csv header: %w", err)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("model: csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		d.IDs = append(d.IDs, rec[0])
		d.Labels = append(d.Labels, rec[1])
		d.Groups = append(d.Groups, rec[2])
		if d.Fold != nil {
			f, err := strconv.Atoi(rec[3])
			if err != nil || f < 0 {
				return nil, fmt.Errorf("model: csv line %d: fold %q is not a fold index", line, rec[3])
			}
			d.Fold = append(d.Fold, f)
		}
		row := make([]float64, len(d.Columns))
		for j, s := range rec[first:] {
			if s == "" {
				row[j] = math.NaN()
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("model: csv line %d column %s: %q is not a number", line, d.Columns[j], s)
			}
			row[j] = v
		}
		d.X = append(d.X, row)
	}
	return d, nil
}

// WriteCSV writes the dataset in the format [ReadCSV] reads. Missing values
// (NaN) are written as empty cells, other numbers in the shortest form that
// reads back exactly.
func (d *Dataset) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"id", "label", "group"}
	if d.Fold != nil {
		head = append(head, "fold")
	}
	if err := cw.Write(append(head, d.Columns...)); err != nil {
		return fmt.Errorf("model: csv: %w", err)
	}
	for i, row := range d.X {
		rec := []string{d.IDs[i], d.Labels[i], d.Groups[i]}
		if d.Fold != nil {
			rec = append(rec, strconv.Itoa(d.Fold[i]))
		}
		for _, v := range row {
			s := ""
			if !math.IsNaN(v) {
				s = strconv.FormatFloat(v, 'g', -1, 64)
			}
			rec = append(rec, s)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("model: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("model: csv: %w", err)
	}
	return nil
}

// Labeled returns the samples that have a label, in order. The result shares
// rows with d.
func (d *Dataset) Labeled() *Dataset {
	out := &Dataset{Columns: d.Columns}
	if d.Fold != nil {
		out.Fold = []int{}
	}
	for i, l := range d.Labels {
		if l == "" {
			continue
		}
		out.IDs = append(out.IDs, d.IDs[i])
		out.Labels = append(out.Labels, l)
		out.Groups = append(out.Groups, d.Groups[i])
		if d.Fold != nil {
			out.Fold = append(out.Fold, d.Fold[i])
		}
		out.X = append(out.X, d.X[i])
	}
	return out
}

// Targets maps the labels to indices into classes. An empty or unknown label
// is an error naming the sample.
func (d *Dataset) Targets(classes []string) ([]int, error) {
	idx := make(map[string]int, len(classes))
	for i, c := range classes {
		idx[c] = i
	}
	y := make([]int, len(d.Labels))
	for i, l := range d.Labels {
		c, ok := idx[l]
		if !ok {
			return nil, fmt.Errorf("model: sample %s: label %q is not one of %v", d.IDs[i], l, classes)
		}
		y[i] = c
	}
	return y, nil
}
