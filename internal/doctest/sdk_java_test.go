package doctest

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock/mocktest"
)

// javac compiles every .java file under dir's stubs and src folders into a
// fresh class folder and returns it.
func javac(t *testing.T, dir string) string {
	t.Helper()
	tool := need(t, "javac", "apt-get install openjdk-17-jdk-headless")
	var files []string
	require.NoError(t, filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".java") {
			rel, _ := filepath.Rel(filepath.Join(root, dir), p)
			files = append(files, rel)
		}
		return err
	}))
	require.NotEmpty(t, files)
	classes := t.TempDir()
	mustRun(t, dir, nil, tool, append([]string{"-Xlint:all", "-Werror", "-d", classes}, files...)...)
	return classes
}

// TestJavaExample compiles examples/sdk-java (the Java guide's snippet in a
// program, with stand-ins of the yunst-sdk classes it uses) and runs it
// against tsymock with the JVM in China time, then in UTC.
func TestJavaExample(t *testing.T) {
	classes := javac(t, "examples/sdk-java")
	java := need(t, "java", "apt-get install openjdk-17-jdk-headless")
	srv := mocktest.New(t)
	env := []string{"ALLINPAY_SERVER_URL=" + srv.URL + "/service/soa", "ALLINPAY_KEY_DIR=" + demoKeys(t)}
	runCases(t, "examples/sdk-java", []sdkCase{
		{name: "China time", env: env, cmd: []string{java, "-Duser.timezone=Asia/Shanghai", "-cp", classes, "TsymockCheck"},
			want: []string{`\"bizUserId\":\"sdk-java-`, `"status":"OK"`}},
		{name: "a UTC clock", env: env, cmd: []string{java, "-Duser.timezone=UTC", "-cp", classes, "TsymockCheck"}, code: 1,
			want: []string{`"errorCode":"10000"`, quote10000UTC}},
	})
}

// TestTestcontainersJavaRecipe compiles the Testcontainers for Java recipe
// against compile-only stand-ins of the Testcontainers, JUnit and Spring
// classes it uses (no Docker engine or Maven here).
func TestTestcontainersJavaRecipe(t *testing.T) {
	javac(t, "examples/testcontainers-java")
}
