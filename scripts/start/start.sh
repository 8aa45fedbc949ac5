#!/bin/sh
# Start the course's notebooks in JupyterLab (macOS, Linux): ./start.sh  (the work is in start.py)
cd "$(dirname "$0")" || exit 1
if command -v python3 >/dev/null 2>&1; then exec python3 start.py "$@"; fi
exec python start.py "$@"
