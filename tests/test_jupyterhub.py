"""A class on JupyterHub: three learners, each in their own home, each saving a map (slow tier).

A real JupyterHub (the ``jupyterhub`` package, with its DummyAuthenticator: one shared password,
and its SimpleLocalProcessSpawner: no system users needed, each user's home a folder under a tmp
dir) behind a real configurable-http-proxy (npm, pinned in tests/hub/package-lock.json; installed
with ``npm ci --prefix tests/hub``, which .ci/run does). Everything binds to 127.0.0.1 on free ports.

For each of learner1..3, as a class would run (docs/jupyterhub.md):

1. The course folder (notebooks/ and data/) is copied into the learner's home, as nbgitpuller's
   first pull does (a clone of the course repository into ``~/track-two``), before the learner
   logs in. The course package itself is in the server's environment, as in the hub's image.
2. The learner logs in through the hub's login form and starts their server; the hub issues a
   token for them (``POST /hub/api/users/<name>/tokens``, with their own session).
3. Through the hub's proxy, with that token: the learner opens notebooks/map-builder.ipynb (the
   contents API, then a session, so the kernel runs beside the notebook as in JupyterLab), runs its
   builder cell (the notebook's own code, read from the learner's copy), and edits the map as the
   front end does: a widget ``update`` message over the kernel's websocket. The builder saves it
   (MapBuilder's own observer, the code path a learner's clicks take) to
   ``my-conflict-maps.saved.json`` beside the notebook.

Then: each learner's map is in their own home and in no other home; a request with learner1's
token to learner2's server is refused; the hub, its proxy, the servers and the kernels listen on
127.0.0.1 only; and every process the hub started is stopped, even on failure (each is found by a tag
in its environment and its process group is ended). The test records its wall time and each
learner's memory (printed in the run's "timings" section, from pytest-xdist's workers too).

What this test cannot show: the SimpleLocalProcessSpawner runs every server as the same system user,
so the homes are apart by path only (the hub's routing and tokens keep the learners apart, not file
permissions). A real hub separates them by system users (The Littlest JupyterHub) or containers
with a volume each (Zero to JupyterHub): docs/jupyterhub.md.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import ROOT

HUB_NODE = ROOT / "tests" / "hub"
CHP = HUB_NODE / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNERS = ("learner1", "learner2", "learner3")
PASSWORD = "class-password"
#: Where nbgitpuller puts the course in each home: a clone named after the repository.
COURSE = "track-two"
NOTEBOOK = f"{COURSE}/notebooks/map-builder.ipynb"
SAVED = f"{COURSE}/notebooks/my-conflict-maps.saved.json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: Each learner's home, under the test's homes folder (the spawner's ``home_dir_template``; the
#: course folder is copied there too). The checks expect homes/<name> for each learner.
HOME_TEMPLATE = "{username}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _needs(what: str, how: str) -> None:
    message = f"the JupyterHub test needs {what}: {how}"
    if os.environ.get("CI"):
        pytest.fail("CI must run the JupyterHub test, but " + message)
    pytest.skip(message)


def copy_course_folder(home: Path) -> Path:
    """The course folder in a learner's home, as nbgitpuller's first pull leaves it (the notebooks and
    the data; the package is in the server's environment). Learners' own saved files are not copied."""
    target = home / COURSE
    ignore = shutil.ignore_patterns("*.saved.json", "*.set-aside*", ".ipynb_checkpoints", "__pycache__")
    for folder in ("notebooks", "data"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore, dirs_exist_ok=True)
    return target


# --- processes: every one the hub starts carries a tag in its environment --------------------------


def _tagged(tag: str) -> list[int]:
    """The ids of the running processes whose environment holds TRACKTWO_HUB_TEST=tag."""
    needle = f"TRACKTWO_HUB_TEST={tag}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:  # gone, or not ours to read
            continue
    return found


def _memory_by_home(tag: str, homes: Path) -> dict[str, float]:
    """Resident memory (MB) of the tagged processes, summed by their HOME: a learner's server and kernel,
    or (any other home) the hub and its proxy."""
    totals: dict[str, float] = {}
    for pid in _tagged(tag):
        try:
            env = dict(
                item.split("=", 1) for item in Path(f"/proc/{pid}/environ").read_text(errors="replace").split("\0") if "=" in item
            )
            rss = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        home = Path(env.get("HOME", "?"))
        home = home.name if home.parent == homes else "hub and proxy"
        totals[home] = totals.get(home, 0.0) + int(rss.split()[1]) / 1024
    return totals


def _listening(tag: str) -> list[str]:
    """The addresses the tagged processes listen on (TCP, IPv4 and IPv6), as ``address:port``."""
    inodes = set()
    for pid in _tagged(tag):
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
                continue
            hex_ip, hex_port = fields[1].split(":")
            raw = bytes.fromhex(hex_ip)
            # the kernel writes each 32-bit word in host (little-endian) order
            ip = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            address = socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, ip)
            found.append(f"{address}:{int(hex_port, 16)}")
    return found


def _end(tag: str, grace: float = 8.0) -> list[int]:
    """End every tagged process and its process group (SIGTERM, then SIGKILL); returns what is left."""
    own = os.getpgrp()
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = _tagged(tag)
        if not pids:
            return []
        for pid in pids:
            try:
                group = os.getpgid(pid)
                if group != own:
                    os.killpg(group, sig)
                else:
                    os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _tagged(tag):
            time.sleep(0.1)
    return _tagged(tag)


HUB_CONFIG = """
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{state}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{home}"
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{"TRACKTWO_HUB_TEST": {tag!r}, "PYTHONUNBUFFERED": "1"}}
# Two cores and three servers starting at once: room to start.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.concurrent_spawn_limit = 10
"""


@contextmanager
def jupyterhub(tmp: Path):
    """A JupyterHub on 127.0.0.1 with the dummy authenticator and local process spawner; yields
    (base URL, the homes folder). Stops the hub and every process it started, even on failure."""
    bin_dir = Path(sys.executable).parent
    if not CHP.exists():
        _needs("configurable-http-proxy from npm", "run `npm ci --prefix tests/hub` (Node.js needed)")
    if shutil.which("jupyterhub", path=str(bin_dir)) is None:
        _needs("the jupyterhub package", "run `make setup` (it is in requirements-test.txt)")
    state, homes = tmp / "hub-state", tmp / "homes"
    state.mkdir()
    homes.mkdir()
    tag = uuid.uuid4().hex
    port = _free_port()
    config = state / "jupyterhub_config.py"
    config.write_text(
        HUB_CONFIG.format(
            port=port,
            hub_port=_free_port(),
            proxy_api_port=_free_port(),
            chp=str(CHP),
            proxy_token=uuid.uuid4().hex,
            state=state,
            password=PASSWORD,
            users=set(LEARNERS),
            homes=homes,
            home=HOME_TEMPLATE,
            singleuser=str(bin_dir / "jupyterhub-singleuser"),
            # The servers run as this user: root on CI, where Jupyter asks for --allow-root.
            args=["--allow-root"] if os.geteuid() == 0 else [],
            tag=tag,
        )
    )
    env = dict(os.environ, TRACKTWO_HUB_TEST=tag, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    log_path = state / "jupyterhub.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [str(bin_dir / "jupyterhub"), "-f", str(config)],
        cwd=state,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, never the test's
    )
    base = f"http://127.0.0.1:{port}"
    memory: dict[str, float] = {}  # resident MB per home (the hub's own under its user's home)
    try:
        import requests

        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{base}/hub/api/", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("JupyterHub did not start:\n" + log_path.read_text()[-4000:])
            time.sleep(0.3)
        yield base, homes, log_path, memory
        memory.update(_memory_by_home(tag, homes))
        listening = _listening(tag)
        assert listening, "found no listening socket of the hub's processes (the check would pass on nothing)"
        outside = [a for a in listening if not a.startswith(("127.0.0.1:", "::ffff:127.0.0.1:"))]
        assert not outside, f"the hub, its proxy, a server or a kernel listens beyond 127.0.0.1: {outside}"
    finally:
        _end(tag)
        log.close()
        left = _tagged(tag)
        assert not left, f"processes the hub started are still running after the test: {left}"


# --- one learner, through the hub -----------------------------------------------------------------


def log_in(base: str, user: str):
    """A browser-like session for ``user``: the hub's login form, then a token of their own."""
    import requests

    session = requests.Session()
    session.get(f"{base}/hub/login", timeout=120).raise_for_status()
    xsrf = session.cookies.get("_xsrf")
    r = session.post(
        f"{base}/hub/login",
        data={"username": user, "password": PASSWORD, "_xsrf": xsrf},
        allow_redirects=False,
        timeout=120,
    )
    assert r.status_code == 302, f"{user} could not log in: {r.status_code} {r.text[:300]}"
    headers = {"X-XSRFToken": session.cookies.get("_xsrf") or xsrf, "Referer": f"{base}/hub/home"}
    r = session.post(f"{base}/hub/api/users/{user}/tokens", json={"note": "map-builder test"}, headers=headers, timeout=120)
    assert r.status_code in (200, 201), f"no token for {user}: {r.status_code} {r.text[:300]}"
    return session, headers, r.json()["token"]


def start_server(base: str, user: str, session, headers) -> None:
    r = session.post(f"{base}/hub/api/users/{user}/server", headers=headers, timeout=120)
    assert r.status_code in (201, 202), f"{user}'s server did not start: {r.status_code} {r.text[:300]}"


def wait_ready(base: str, user: str, token: str, timeout: float = 180) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = requests.get(f"{base}/hub/api/users/{user}", headers={"Authorization": f"token {token}"}, timeout=120)
        server = r.json().get("servers", {}).get("", {}) if r.ok else {}
        if server.get("ready"):
            return
        time.sleep(0.5)
    pytest.fail(f"{user}'s server was not ready after {timeout} s")


def _message(msg_type: str, content: dict, session_id: str, channel: str = "shell") -> dict:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "session": session_id,
            "username": "",
            "version": "5.3",
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        },
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": channel,
        "buffers": [],
    }


async def _send(ws, msg: dict, what: str, timeout: float = 120) -> list[dict]:
    """Send a message to the kernel; the iopub messages it caused, once the kernel is idle again.
    An error (a failing cell, or the builder refusing a map) fails the test with its traceback."""
    await ws.write_message(json.dumps(msg))
    replies: list[dict] = []
    deadline = time.monotonic() + timeout
    while True:
        raw = await asyncio.wait_for(ws.read_message(), timeout=max(1.0, deadline - time.monotonic()))
        assert raw is not None, "the kernel's websocket closed"
        reply = json.loads(raw)
        if reply.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
            continue
        replies.append(reply)
        if reply["msg_type"] == "error":
            pytest.fail(f"{what} failed:\n" + re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(reply["content"]["traceback"]))[-3000:])
        if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
            return replies


async def _execute(ws, code: str, session_id: str) -> list[dict]:
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False}
    return await _send(ws, _message("execute_request", content, session_id), "the builder cell")


async def _build_and_save(server: str, token: str, user: str, code: str, library: dict) -> None:
    """Open the notebook's kernel (a session, as JupyterLab does), run the builder cell, then change
    the map as the widget's front end does: an ``update`` of its ``library`` over the websocket."""
    import requests
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    auth = {"Authorization": f"token {token}"}
    r = requests.post(
        f"{server}/api/sessions",
        json={"path": NOTEBOOK, "name": "map-builder.ipynb", "type": "notebook", "kernel": {"name": "python3"}},
        headers=auth,
        timeout=120,
    )
    assert r.status_code == 201, f"{user}: no kernel for the notebook: {r.status_code} {r.text[:300]}"
    kernel_id = r.json()["kernel"]["id"]
    session_id = uuid.uuid4().hex
    url = server.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels?session_id={session_id}"
    ws = await websocket_connect(
        HTTPRequest(url, headers=auth, connect_timeout=120, request_timeout=120), max_message_size=64 * 1024 * 1024
    )
    try:
        replies = await _execute(ws, code, session_id)
        views = [m["content"]["data"][WIDGET_MIME]["model_id"] for m in replies if WIDGET_MIME in m["content"].get("data", {})]
        assert views, f"{user}: the builder cell showed no widget (outputs: {[m['msg_type'] for m in replies]})"
        update = _message(
            "comm_msg",
            {"comm_id": views[-1], "data": {"method": "update", "state": {"library": library}, "buffer_paths": []}},
            session_id,
        )
        # The builder writes the file as the kernel handles the message (then idle again).
        await _send(ws, update, f"{user}'s map update")
    finally:
        ws.close()


def learner_map(user: str) -> dict:
    """A map with a mark of its own: the learner's code-named actor."""
    from tracktwo.maps.learner import empty_map

    m = empty_map(f"Sanu valley, {user}'s practice map", "the hill villages", "2026-12-07")
    m["actors"] = [{"id": "a1", "name": f"Actor {user.upper()}-X", "type": "community", "power": 3, "party": "inside"}]
    return m


# --- the test ---------------------------------------------------------------------------------------


def test_three_learners_each_save_a_map_in_their_own_home(tmp_path, record_property):
    import requests

    started = time.perf_counter()
    with jupyterhub(tmp_path) as (base, homes, log_path, memory):
        for user in LEARNERS:  # the course folder in each home, before the class starts
            copy_course_folder(homes / HOME_TEMPLATE.format(username=user))
        learners = {}
        for user in LEARNERS:  # everyone logs in and starts their server (the hub starts them together)
            session, headers, token = log_in(base, user)
            start_server(base, user, session, headers)
            learners[user] = token
        for user, token in learners.items():
            wait_ready(base, user, token)
        ready = time.perf_counter()

        async def the_class():
            jobs = []
            for user, token in learners.items():
                server = f"{base}/user/{user}"
                r = requests.get(f"{server}/api/contents/{NOTEBOOK}", headers={"Authorization": f"token {token}"}, timeout=120)
                assert r.status_code == 200, f"{user} cannot open the notebook in their home: {r.status_code} {r.text[:300]}"
                cells = [c for c in r.json()["content"]["cells"] if c["cell_type"] == "code"]
                builder_cell = next(c["source"] for c in cells if "MapBuilder(" in c["source"])
                library = {"current": "Practice", "maps": {"Practice": learner_map(user)}}
                jobs.append(_build_and_save(server, token, user, builder_cell, library))
            await asyncio.gather(*jobs)

        asyncio.run(the_class())
        saved_at = time.perf_counter()

        for user in LEARNERS:
            mark = f"Actor {user.upper()}-X"
            own = homes / user / SAVED
            assert own.is_file(), (
                f"{user}'s map was not saved in their own home ({own}); hub log:\n" + log_path.read_text()[-3000:]
            )
            library = json.loads(own.read_text(encoding="utf-8"))["library"]
            assert library["maps"]["Practice"]["actors"][0]["name"] == mark, f"{own} does not hold {user}'s map"
            for other in LEARNERS:
                if other == user:
                    continue
                leaked = [str(p) for p in (homes / other).rglob("*.saved.json") if mark in p.read_text(encoding="utf-8")]
                assert not leaked, f"{user}'s map is in {other}'s home: {leaked}"
            # and nowhere outside the homes either (e.g. a shared folder or the hub's own)
            stray = [str(p) for p in tmp_path.rglob("*.saved.json") if homes / user not in p.parents and mark in p.read_text()]
            assert not stray, f"{user}'s map is outside their home: {stray}"

        # learner1's token opens learner1's server, and is refused at learner2's
        first, second = LEARNERS[0], LEARNERS[1]
        token = learners[first]
        own = requests.get(f"{base}/user/{first}/api/contents/{SAVED}", headers={"Authorization": f"token {token}"}, timeout=120)
        assert own.status_code == 200, f"{first} cannot read their own map: {own.status_code}"
        other = requests.get(
            f"{base}/user/{second}/api/contents/{SAVED}",
            headers={"Authorization": f"token {token}"},
            allow_redirects=False,
            timeout=120,
        )
        assert other.status_code in (401, 403, 404), (
            f"{first}'s token read {second}'s server: {other.status_code} {other.text[:200]}"
        )
        assert "Actor" not in other.text
        # nor can learner1 ask the hub for learner2's tokens or server
        hub = requests.get(f"{base}/hub/api/users/{second}", headers={"Authorization": f"token {token}"}, timeout=120)
        assert hub.status_code in (403, 404), f"{first}'s token read {second} from the hub: {hub.status_code}"
        assert re.search(r"\bready\b", hub.text) is None

    total = time.perf_counter() - started
    timing = (
        f"{total:.1f} s in all (hub and three servers ready in {ready - started:.1f} s; three maps saved in "
        f"{saved_at - ready:.1f} s; then checks and stop); resident memory per home, MB: "
        + ", ".join(f"{home} {mb:.0f}" for home, mb in sorted(memory.items()))
    )
    record_property("timing", timing)
    print(f"\nJupyterHub class test: {timing}")
