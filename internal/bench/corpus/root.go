package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Root is the shared test corpora's folder, ../shared/corpus next to the
// repository: found from the working directory by walking up to go.mod. It
// is an error when that folder is not there (a user's clone has none).
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
	root := filepath.Join(dir, "..", "shared", "corpus")
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return root, errors.New("test corpora not found at " + root + " (../shared/corpus next to the repository)")
	}
	return root, nil
}

// Dir is the folder of the shared test corpus called name (boofcv-a, zxing…)
// in Root. It is an error when that folder is not there.
func Dir(name string) (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, name)
	if _, err := os.Stat(dir); err != nil {
		return dir, fmt.Errorf("corpus %s not found at %s", name, dir)
	}
	return dir, nil
}
