@echo off
rem Start the course's notebooks in JupyterLab (Windows): double-click this file (the work is in start.py)
cd /d "%~dp0"
where py >nul 2>nul
if %errorlevel%==0 (py -3 start.py %*) else (python start.py %*)
pause
