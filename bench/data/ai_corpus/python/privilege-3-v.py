# corpus: cwe=CWE-250 label=vulnerable lang=python framework=none prompt="a script that restarts the service and installs packages"
import docker

client = docker.from_env()


def run_analysis(image):
    return client.containers.run(image, "analyze", privileged=True, detach=True)
