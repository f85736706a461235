// corpus: cwe=CWE-434 label=safe lang=go prompt="an HTTP handler that uploads a profile picture"
package main

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

var allowed = map[string]bool{".png": true, ".jpg": true}

func uploadHandler(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 2<<20)
	file, header, err := r.FormFile("avatar")
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	defer file.Close()
	ext := strings.ToLower(filepath.Ext(header.Filename))
	if !allowed[ext] {
		http.Error(w, "images only", http.StatusUnsupportedMediaType)
		return
	}
	b := make([]byte, 16)
	rand.Read(b)
	name := hex.EncodeToString(b) + ext
	dst, _ := os.Create(filepath.Join("uploads", name))
	defer dst.Close()
	io.Copy(dst, file)
	w.Write([]byte(name))
}
