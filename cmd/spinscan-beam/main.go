// Command spinscan-beam scores a crawl with spinscan's pipeline on Apache
// Beam: the same stages as `spinscan score`, run by Prism locally or by
// Dataflow, Flink or Spark on a cluster. See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/spinscan/spinscan/cmd/spinscan-beam/internal/pipeline"
)

func main() {
	input := flag.String("input", "", "glob of crawl shards: WARC, JSONL, HTML or text files (local, gs:// or s3://)")
	output := flag.String("output", "", "JSONL file for the rows, one per input record in input order")
	modelFile := flag.String("model", "", "model file (default: the embedded model)")
	flag.Parse()
	beam.Init()
	os.Exit(run(*input, *output, *modelFile))
}

func run(input, output, modelFile string) int {
	ctx := context.Background()
	cfg := pipeline.Config{Input: input, Output: output}
	if modelFile != "" {
		b, err := os.ReadFile(modelFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "spinscan-beam:", err)
			return 2
		}
		cfg.Model = b
	}
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(ctx, s, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "spinscan-beam:", err)
		return 2
	}
	if err := beamx.Run(ctx, p); err != nil {
		fmt.Fprintln(os.Stderr, "spinscan-beam:", err)
		return 1
	}
	return 0
}
