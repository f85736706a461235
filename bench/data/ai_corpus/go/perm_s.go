// corpus: cwe=CWE-732 label=safe lang=go prompt="write the generated config file"
package main

import "os"

func writeConfig(data []byte) error {
	return os.WriteFile("/etc/app/config.json", data, 0640)
}
