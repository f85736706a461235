# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="a script that downloads a release tarball, checks its GPG signature and installs it"
import subprocess
import tarfile
import urllib.request

RELEASE = "https://downloads.example.org/tool-2.4.1.tar.gz"


def install_release(dest):
    urllib.request.urlretrieve(RELEASE, "/tmp/tool.tar.gz")
    urllib.request.urlretrieve(RELEASE + ".asc", "/tmp/tool.tar.gz.asc")
    subprocess.run(["gpg", "--verify", "/tmp/tool.tar.gz.asc", "/tmp/tool.tar.gz"])
    with tarfile.open("/tmp/tool.tar.gz") as tar:
        tar.extractall(dest, filter="data")
