package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// startProfiles starts the profiles the root flags ask for and returns the
// function that ends them. cpu, if set, receives a CPU profile of the whole
// run; heap, if set, receives a heap profile taken when the heap in use was
// at its largest (sampled each second, so a peak shorter than that may be
// missed), which is what explains a peak RSS.
func startProfiles(cpu, heap string) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, s := range stops {
			s()
		}
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return stop, fmt.Errorf("cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return stop, fmt.Errorf("cpuprofile: %w", err)
		}
		stops = append(stops, func() {
			pprof.StopCPUProfile()
			f.Close()
		})
	}
	if heap != "" {
		// Fail now, not at the first peak, if heap cannot be written.
		if err := writeHeapProfile(heap); err != nil {
			return stop, err
		}
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			watchHeap(heap, done)
		}()
		stops = append(stops, func() {
			close(done)
			wg.Wait()
		})
	}
	return stop, nil
}

// watchHeap writes a heap profile to path each time the heap in use grows
// by a tenth past its largest size so far, until done is closed.
func watchHeap(path string, done <-chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var peak uint64
	var ms runtime.MemStats
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak+peak/10 {
			peak = ms.HeapInuse
			writeHeapProfile(path) // best effort: an earlier peak stays
		}
	}
}

// writeHeapProfile writes the current heap profile to path atomically.
func writeHeapProfile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".heap-*")
	if err != nil {
		return fmt.Errorf("memprofile: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := pprof.Lookup("heap").WriteTo(tmp, 0); err != nil {
		tmp.Close()
		return fmt.Errorf("memprofile: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("memprofile: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("memprofile: %w", err)
	}
	return nil
}
