"""Start and stop real OpenSearch nodes on 127.0.0.1, built from Maven Central artifacts.

    python searchnode/control.py start [--nodes 3]   # waits for green; data under var/searchnode
    python searchnode/control.py stop                # SIGTERM, waits for a clean close
    python searchnode/control.py status

Maven's cache (~/.m2) keeps what it fetched; the build output stays in searchnode/target.
Environment: SEARCH_NODE_PORT (9200; node n listens on PORT + n - 1), SEARCH_NODE_TRANSPORT_PORT
(9300), SEARCH_NODE_HEAP (1g), SEARCH_NODE_HOME (var/searchnode), SEARCH_NODE_JAVA_HOME (a JDK 21+;
OpenSearch 3 needs it; defaults to Temurin 25 where installed, else JAVA_HOME).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET = HERE / "target"
MAIN_CLASS = "org.brightspots.searchnode.SearchNode"
TEMURIN_25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64")


class NodeError(RuntimeError):
    """A node could not be built, started or stopped; the message says what to do."""


def java_home():
    configured = os.environ.get("SEARCH_NODE_JAVA_HOME")
    if configured:
        return Path(configured)
    if TEMURIN_25.exists():
        return TEMURIN_25
    if os.environ.get("JAVA_HOME"):
        return Path(os.environ["JAVA_HOME"])
    raise NodeError("No JDK 21+ found: set SEARCH_NODE_JAVA_HOME to one (OpenSearch 3 needs it).")


def home():
    return Path(os.environ.get("SEARCH_NODE_HOME", ROOT / "var" / "searchnode")).resolve()


def http_port():
    return int(os.environ.get("SEARCH_NODE_PORT", "9200"))


def transport_port():
    return int(os.environ.get("SEARCH_NODE_TRANSPORT_PORT", "9300"))


def build():
    """Compile the launcher and write its classpath (Maven resolves from its cache when it can)."""
    source = HERE / "src/main/java/org/brightspots/searchnode/SearchNode.java"
    classpath = TARGET / "classpath.txt"
    built = TARGET / "classes/org/brightspots/searchnode/SearchNode.class"
    if classpath.exists() and built.exists() and built.stat().st_mtime >= source.stat().st_mtime:
        return
    env = {**os.environ, "JAVA_HOME": str(java_home())}
    maven = ["mvn", "-q", "-B", "-f", str(HERE / "pom.xml"), "compile"]
    result = subprocess.run(  # noqa: S603 - Maven on our own pom
        maven,  # noqa: S607 - Maven from PATH, as a developer runs it
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise NodeError(f"Building the search node failed:\n{result.stdout}\n{result.stderr}")


def url(number=1):
    return f"http://127.0.0.1:{http_port() + number - 1}"


def pid_file(number):
    return home() / f"node-{number}.pid"


def health(number=1, wait_for=None, timeout="1s"):
    query = f"?wait_for_status={wait_for}&timeout={timeout}" if wait_for else ""
    try:
        with urllib.request.urlopen(f"{url(number)}/_cluster/health{query}", timeout=30) as reply:  # noqa: S310 - fixed local URL
            return json.load(reply)
    except (urllib.error.URLError, OSError, ValueError):
        return None


def running_pid(number):
    path = pid_file(number)
    if not path.exists():
        return None
    pid = int(path.read_text())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        path.unlink(missing_ok=True)
        return None
    return pid


def start_node(number, count, heap=None):
    """Start node `number` of a `count`-node cluster in its own JVM; returns its pid."""
    build()
    pid = running_pid(number)
    if pid:
        return pid
    heap = heap or os.environ.get("SEARCH_NODE_HEAP", "1g")
    classpath = f"{TARGET / 'classes'}:{(TARGET / 'classpath.txt').read_text().strip()}"
    base = home()
    (base / f"node-{number}").mkdir(parents=True, exist_ok=True)
    log = open(base / f"node-{number}.out", "ab")  # noqa: SIM115 - handed to the child process
    command = [
        str(java_home() / "bin" / "java"),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        "-Dlog4j2.formatMsgNoLookups=true",
        "-cp",
        classpath,
        MAIN_CLASS,
        str(base),
        str(number),
        str(count),
        str(http_port()),
        str(transport_port()),
        os.environ.get("SEARCH_NODE_CLUSTER", "brightspots"),
    ]
    process = subprocess.Popen(  # noqa: S603 - our own launcher with fixed arguments
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    pid_file(number).write_text(str(process.pid))
    return process.pid


def wait_for(number=1, status="green", seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        reply = health(number, wait_for=status, timeout="2s")
        if reply and not reply.get("timed_out"):
            return reply
        if not running_pid(number):
            log = home() / f"node-{number}.out"
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise NodeError(f"Search node {number} exited while starting:\n{tail}")
        time.sleep(1)
    raise NodeError(f"Search node {number} was not {status} after {seconds}s ({url(number)}).")


def start(count=1, heap=None):
    for number in range(1, count + 1):
        start_node(number, count, heap)
    return wait_for(1, "green")


def stop_node(number, seconds=60):
    pid = running_pid(number)
    if not pid:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                break  # our own child (a test's cluster) has exited and is reaped
        except ChildProcessError:
            pass  # started by another process (make search-node)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    else:
        os.kill(pid, signal.SIGKILL)
    pid_file(number).unlink(missing_ok=True)
    return True


def stop():
    stopped = []
    for path in sorted(home().glob("node-*.pid")):
        number = int(path.stem.split("-")[1])
        if stop_node(number):
            stopped.append(number)
    return stopped


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "status", "build"])
    parser.add_argument("--nodes", type=int, default=1, help="cluster size (start)")
    args = parser.parse_args(argv)
    try:
        if args.action == "build":
            build()
        elif args.action == "start":
            reply = start(args.nodes)
            nodes = reply["number_of_nodes"]
            sys.stdout.write(f"OpenSearch {reply['status']} at {url()} ({nodes} node(s))\n")
        elif args.action == "stop":
            stopped = stop()
            sys.stdout.write(f"Stopped node(s) {stopped}\n" if stopped else "None was running.\n")
        else:
            reply = health()
            sys.stdout.write(f"{json.dumps(reply)}\n" if reply else f"Nothing at {url()}.\n")
            return 0 if reply else 1
    except NodeError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
