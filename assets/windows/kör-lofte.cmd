@echo off
chcp 65001 >nul
rem Dubbelklicka: lofte skriver rapporterna från mappen input bredvid den här filen
rem till mappen reports och öppnar den. lofte.exe ska ligga i samma mapp.
cd /d "%~dp0"
lofte.exe run
if errorlevel 1 (
  echo.
  echo Rapporterna skrevs inte: läs meddelandet ovan, rätta och kör igen.
  pause
  exit /b 1
)
start "" reports
pause
