package doctest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exercised are the files whose code the tests of this package build and
// run or check, each with the test that does it. A snippet of the docs
// below must be an excerpt of one of them.
var exercised = map[string]string{
	"examples/sdk-go/main.go":                                    "TestGoSDKExample",
	"examples/sdk-php/check.php":                                 "TestPHPExample",
	"examples/sdk-php/AllinpayClient.php":                        "TestPHPExample",
	"examples/sdk-php/notify.php":                                "TestPHPNotifyExample",
	"examples/sdk-node/check.js":                                 "TestNodeExample",
	"examples/sdk-node/allinpay-client.js":                       "TestNodeExample",
	"examples/sdk-java/src/TsymockCheck.java":                    "TestJavaExample",
	"examples/testcontainers-go/tsymock_test.go":                 "TestTestcontainersGoRecipe",
	"examples/testcontainers-java/src/AllinpayContractTest.java": "TestTestcontainersJavaRecipe",
	"internal/doctest/client_test.go":                            "TestGoClientSnippet",
}

// snippetDocs are the docs whose program snippets must be excerpts of
// exercised files.
var snippetDocs = []string{
	"docs/sdks.md", "docs/zh-CN/sdks.md", "docs/ci.md", "docs/zh-CN/ci.md", "README.zh-CN.md",
	"docs/flow.md", "docs/zh-CN/flow.md",
}

// programLangs are the fences whose code is a program (shell, YAML and
// the rest are checked by cmd/tsymock's doc tests).
var programLangs = map[string]bool{"go": true, "php": true, "js": true, "javascript": true, "java": true}

// TestSnippetsAreExercised: every Go, PHP, Node and Java snippet of the SDK
// guides and CI recipes says which exercised file it comes from
// ("<!-- from PATH -->" above the fence), and is an excerpt of it (the same
// code lines; comments may differ between the languages of the docs).
func TestSnippetsAreExercised(t *testing.T) {
	for _, doc := range snippetDocs {
		t.Run(doc, func(t *testing.T) {
			md, err := os.ReadFile(filepath.Join(root, doc))
			require.NoError(t, err)
			for _, b := range Blocks(string(md)) {
				if !programLangs[b.Lang] {
					continue
				}
				if !assert.Contains(t, exercised, b.From, "%s:%d: a %s snippet needs <!-- from PATH --> naming an exercised file above its fence", doc, b.Line, b.Lang) {
					continue
				}
				file, err := os.ReadFile(filepath.Join(root, b.From))
				require.NoError(t, err)
				assert.True(t, IsExcerpt(string(file), b.Code), "%s:%d: the snippet is not an excerpt of %s (checked by %s):\n%s", doc, b.Line, b.From, exercised[b.From], b.Code)
			}
		})
	}
}
