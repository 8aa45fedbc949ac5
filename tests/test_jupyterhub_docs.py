"""The JupyterHub page for teachers and IT (docs/jupyterhub.md) and its example values file
(docs/jupyterhub/config.yaml) stay in step, and its link and paths match the course (fast tier).

* The values file parses (with the course's one YAML reader) and every key it sets is explained in the
  page: the key's dotted path is there, or its parent's path with the key's name beside it.
* The nbgitpuller link has the format nbgitpuller reads, names the folder the clone gets (the one the
  slow-tier test copies the course into: tests/test_jupyterhub.py) and opens a notebook that exists.
* The image the values name and the user repo2docker builds for agree on the home (``jovyan``) and
  on the uid (``--user-id`` and ``singleuser.uid``, the chart's default 1000 when the values leave it
  out); the image pins the hub's JupyterHub version (repo2docker's rule).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from support import ROOT

PAGE = ROOT / "docs" / "jupyterhub.md"
VALUES = ROOT / "docs" / "jupyterhub" / "config.yaml"


class ValuesError(ValueError):
    pass


def leaf_paths(data, prefix: str = "") -> list[str]:
    """The dotted path of every value set in a mapping (lists and scalars are leaves)."""
    if not isinstance(data, dict):
        return [prefix]
    paths = []
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        paths.extend(leaf_paths(value, path) if isinstance(value, dict) and value else [path])
    return paths


def unexplained(paths: list[str], page: str) -> list[str]:
    """The paths the page explains neither in full nor as its parent's path with the key's name
    (in backticks) on the same line."""
    lines = page.splitlines()
    missing = []
    for path in paths:
        parent, _, key = path.rpartition(".")
        if path in page:
            continue
        if parent and any(f"`{parent}`" in line and f"`{key}`" in line for line in lines):
            continue
        missing.append(path)
    return missing


@pytest.fixture(scope="module")
def values():
    from tracktwo.data.yamlfile import read_yaml

    data = read_yaml(VALUES, ValuesError)
    assert isinstance(data, dict), f"{VALUES.name}: not a mapping of values"
    return data


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_every_key_of_the_values_file_is_explained_in_the_page(values, page):
    paths = leaf_paths(values)
    assert len(paths) >= 20, paths  # the file sets the hub, the image, resources, storage, culling, HTTPS
    missing = unexplained(paths, page)
    assert not missing, f"{VALUES.relative_to(ROOT)} sets keys that {PAGE.relative_to(ROOT)} does not explain: {missing}"


def test_the_unexplained_check_can_fail(page):
    assert unexplained(["singleuser.networkPolicy.egressAllowRules"], page) == ["singleuser.networkPolicy.egressAllowRules"]
    assert unexplained(["singleuser.memory.limit", "hub.config.GenericOAuthenticator.token_url"], page) == []


def test_the_values_use_the_keys_the_page_relies_on(values):
    single = values["singleuser"]
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"
    assert single["image"]["tag"] not in ("latest", ""), "the image needs a fixed tag"
    assert single["defaultUrl"] == "/lab"
    assert {"guarantee", "limit"} <= set(single["memory"]) and {"guarantee", "limit"} <= set(single["cpu"])
    assert single["storage"]["type"] == "dynamic" and single["storage"]["capacity"]
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    assert values["proxy"]["https"]["enabled"] is True


def test_the_image_user_matches_the_home_the_volume_is_mounted_on(values, page):
    home = values["singleuser"]["storage"]["homeMountPath"]
    user = re.search(r"--user-name (\w+)", page)
    assert user, "the page's repo2docker command names no --user-name"
    assert home == f"/home/{user.group(1)}", (home, user.group(1))
    target = re.search(r"--target-repo-dir (\S+)", page)
    assert target and not target.group(1).startswith(home), "the repository must be copied outside the home volume"
    assert "nbgitpuller" in page[page.index("### The image") : page.index("### The values")]


#: The uid the chart runs each learner's container as when the values do not set singleuser.uid.
CHART_DEFAULT_UID = 1000


def test_the_image_user_id_is_the_uid_the_pods_run_as_and_the_hub_version_is_pinned(values, page):
    command = re.search(r"```bash\n(jupyter-repo2docker .*?)```", page, re.S)
    assert command, "the page shows no repo2docker command"
    page = command.group(1)
    uid = re.search(r"--user-id (\d+)", page)
    assert uid, "the page's repo2docker command names no --user-id (built by root it fails; by another uid it mismatches)"
    assert int(uid.group(1)) == values["singleuser"].get("uid", CHART_DEFAULT_UID), uid.group(1)
    appendix = re.search(r"--appendix '([^']*)'", page)
    assert appendix and re.search(r"\bjupyterhub==5\.5\.\*", appendix.group(1)), "the image must pin the hub's JupyterHub (5.5)"
    assert "JupyterHub 5.5" in PAGE.read_text(encoding="utf-8")


def test_the_nbgitpuller_link_opens_a_course_notebook_from_the_cloned_folder(page):
    from test_jupyterhub import COURSE

    links = re.findall(r"https://<HUB>/hub/user-redirect/git-pull\?\S+", page)
    assert links, "the page shows no nbgitpuller link"
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert set(query) == {"repo", "branch", "targetpath", "urlpath"}, link
        assert query["branch"] == ["main"], link
        # nbgitpuller 1.3.0 clones into targetpath, else the address's last part (".git" included).
        folder = query["targetpath"][0]
        assert folder == COURSE, f"the clone's folder is {folder!r}; the test copies the course into {COURSE!r}"
        urlpath = query["urlpath"][0]
        assert urlpath.startswith(f"lab/tree/{folder}/"), urlpath
        notebook = urlpath.removeprefix(f"lab/tree/{COURSE}/")
        assert (ROOT / notebook).is_file(), f"the link opens {notebook}, which the course does not have"
