// compose-lint loads Compose files the way `docker compose config` does
// (compose-go's loader: interpolation, the Compose JSON schema, normalization
// and the consistency checks) and exits 1 with the loader's message when a
// file does not pass. No container engine is needed, so the test command can
// check deploy/compose.yaml on a machine that has none.
//
//	compose-lint [-env-file FILE] [-project-directory DIR] compose.yaml...
//
// Variables come from -env-file only (not from this process's environment),
// so that the check does not depend on the shell it runs in: a `${VAR:?}`
// missing from the example env file is an error.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	envFile := flag.String("env-file", "", "file of variables to interpolate (KEY=value lines)")
	projectDir := flag.String("project-directory", "", "directory relative paths resolve against (default: the first file's)")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-lint [-env-file FILE] [-project-directory DIR] compose.yaml...")
		os.Exit(2)
	}
	dir := *projectDir
	if dir == "" {
		dir = filepath.Dir(files[0])
	}
	opts := []cli.ProjectOptionsFn{cli.WithWorkingDirectory(dir)}
	if *envFile != "" {
		opts = append(opts, cli.WithEnvFiles(*envFile), cli.WithDotEnv)
	}
	if err := lint(files, opts); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", files[0], err)
		os.Exit(1)
	}
}

func lint(files []string, opts []cli.ProjectOptionsFn) error {
	options, err := cli.NewProjectOptions(files, opts...)
	if err != nil {
		return err
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return err
	}
	names := project.ServiceNames()
	sort.Strings(names)
	fmt.Printf("%s: valid, %d services: %v\n", files[0], len(names), names)
	return nil
}
