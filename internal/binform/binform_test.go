package binform_test

import (
	"encoding/binary"
	"testing"

	"github.com/casebook/casebook/internal/binform"
)

// TestReader reads back what the writer's side wrote, and notes a form
// cut short or holding a count larger than what is left.
func TestReader(t *testing.T) {
	b := append([]byte("magic\n"), 7)
	b = binary.AppendUvarint(b, 300)
	b = binary.LittleEndian.AppendUint64(b, 1<<60)
	b = binform.AppendString(b, "Dogbo")
	r := binform.NewReader(b)
	if !r.Prefix("magic\n") || r.Byte() != 7 || r.Uvarint() != 300 || r.Uint64() != 1<<60 || r.String() != "Dogbo" || !r.Done() {
		t.Fatal("did not read back what was written")
	}
	for _, bad := range [][]byte{b[:len(b)-1], binary.AppendUvarint(nil, 99)} {
		r := binform.NewReader(bad)
		r.Prefix("magic\n")
		r.Byte()
		r.Uvarint()
		r.Uint64()
		_ = r.String()
		if !r.Failed() || r.Done() {
			t.Errorf("% x: read without failing", bad)
		}
	}
}
