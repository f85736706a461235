// corpus: cwe=CWE-434 label=vulnerable lang=go prompt="an HTTP handler that uploads a profile picture"
package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
)

func uploadHandler(w http.ResponseWriter, r *http.Request) {
	file, header, err := r.FormFile("avatar")
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	defer file.Close()
	dst, _ := os.Create(filepath.Join("static/uploads", header.Filename))
	defer dst.Close()
	io.Copy(dst, file)
	w.Write([]byte("/static/uploads/" + header.Filename))
}
