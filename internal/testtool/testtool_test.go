package testtool

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNeedFindsAProgram(t *testing.T) {
	assert.NotEmpty(t, Need(t, "apt-get install -y coreutils", "no-such-program-tsymock", "sh"))
}

func TestInCI(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{{"true", true}, {"1", true}, {"", false}, {"false", false}}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Setenv("CI", tt.value)
			assert.Equal(t, tt.want, InCI())
		})
	}
}

func TestParallel(t *testing.T) {
	got := Parallel([]string{"a", "bb", "ccc"}, func(k string) string { return strings.ToUpper(k) })
	assert.Equal(t, map[string]string{"a": "A", "bb": "BB", "ccc": "CCC"}, got)
}
