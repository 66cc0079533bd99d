# Build OpenLic Desktop for Windows: the frozen bundle, its smoke test, then the Setup.exe.
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Needs: Python 3.11+ (python on PATH), Inno Setup 6 (iscc.exe on PATH or in its default folder).
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

python -m venv .venv-build
& .venv-build\Scripts\python -m pip install -q -e ".[dev]"
$Py = ".venv-build\Scripts\python.exe"
$Version = & $Py -c "import re,pathlib; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', pathlib.Path('openlic_desktop/__init__.py').read_text(encoding='utf-8')).group(1))"

& $Py installer\make_icons.py --check; if ($LASTEXITCODE) { exit 1 }
& $Py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\openlic.spec
if ($LASTEXITCODE) { exit 1 }
& $Py installer\smoke_test.py dist\OpenLicDesktop; if ($LASTEXITCODE) { exit 1 }

$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { $Iscc = Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" installer\windows\openlic.iss; if ($LASTEXITCODE) { exit 1 }
Write-Host "dist\OpenLicDesktop-$Version-Setup.exe"
