package content

import (
	"errors"
	"fmt"
	"strconv"
)

func itoa(i int) string { return strconv.Itoa(i) }

func errorf(format string, args ...any) error { return errors.New(fmt.Sprintf(format, args...)) }
