package soa

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// vectorsPath is the known-answer file made with openssl; never edit it.
const vectorsPath = "../../testdata/vectors/vectors.json"

// vectors is the part of vectors.json that soa is tested against.
type vectors struct {
	SysID     string          `json:"sysid"`
	Timestamp string          `json:"timestamp"`
	Request   []requestVector `json:"request"`
	Response  []struct {
		Name        string `json:"name"`
		SignedValue string `json:"signedValue"`
	} `json:"response"`
}

// requestVector is one signed request.
type requestVector struct {
	Name, SysID, Req, Timestamp, Sign string
}

// loadVectors reads testdata/vectors/vectors.json.
func loadVectors(tb testing.TB) vectors {
	tb.Helper()
	data, err := os.ReadFile(vectorsPath)
	require.NoError(tb, err)
	var v vectors
	require.NoError(tb, json.Unmarshal(data, &v))
	require.NotEmpty(tb, v.Request)
	return v
}
