# Build OpenLic Desktop for Windows: the frozen bundle, its smoke test and size check, then the Setup.exe.
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Needs: Python 3.11+ (python on PATH), Inno Setup 6 (iscc.exe on PATH or in its default folder).
#
# Code signing is optional: set OPENLIC_SIGN_CERT to the SHA-1 thumbprint of a code-signing certificate in the
# user's or machine's certificate store (and, if signtool.exe is not on PATH, OPENLIC_SIGNTOOL to its path;
# OPENLIC_TIMESTAMP_URL overrides the RFC 3161 timestamp server). Then both programs are signed before packaging,
# and Setup.exe and its uninstaller by Inno Setup. Without it the build is unsigned (SmartScreen warns on first run).
# Not run on the machine this was written on (no Windows there).
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

python -m venv .venv-build
# release builds pin PySide6 (installer/release-constraints.txt): the Qt it bundles sets the oldest Windows we run on
& .venv-build\Scripts\python -m pip install -q -c installer\release-constraints.txt -e ".[dev,postgres]"
$Py = ".venv-build\Scripts\python.exe"
$Version = & $Py -c "import re,pathlib; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', pathlib.Path('openlic_desktop/__init__.py').read_text(encoding='utf-8')).group(1))"

& $Py installer\make_icons.py --check; if ($LASTEXITCODE) { exit 1 }
& $Py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\openlic.spec
if ($LASTEXITCODE) { exit 1 }
& $Py installer\smoke_test.py dist\OpenLicDesktop; if ($LASTEXITCODE) { exit 1 }
& $Py installer\bundle_size.py dist\OpenLicDesktop; if ($LASTEXITCODE) { exit 1 }

$IsccArgs = @("/DAppVersion=$Version")
if ($env:OPENLIC_SIGN_CERT) {
    $SignTool = if ($env:OPENLIC_SIGNTOOL) { $env:OPENLIC_SIGNTOOL } else { (Get-Command signtool.exe).Source }
    $Stamp = if ($env:OPENLIC_TIMESTAMP_URL) { $env:OPENLIC_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    $Sign = @("sign", "/sha1", $env:OPENLIC_SIGN_CERT, "/fd", "sha256", "/tr", $Stamp, "/td", "sha256")
    # the programs first, so the installed files are signed too, not only the installer
    & $SignTool @Sign "dist\OpenLicDesktop\openlic-desktop.exe" "dist\OpenLicDesktop\openlic.exe"
    if ($LASTEXITCODE) { exit 1 }
    # Inno Setup calls the tool named "openlicsign" for Setup.exe and the uninstaller ($f is the file)
    $IsccArgs += "/DSignTool=openlicsign"
    $IsccArgs += "/Sopenlicsign=`"$SignTool`" sign /sha1 $($env:OPENLIC_SIGN_CERT) /fd sha256 /tr $Stamp /td sha256 `$f"
}

$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { $Iscc = Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe" }
& $Iscc @IsccArgs installer\windows\openlic.iss; if ($LASTEXITCODE) { exit 1 }
$Setup = "dist\OpenLicDesktop-$Version-windows-x64-Setup.exe"
$Size = (Get-Item $Setup).Length
Write-Host "$Setup ($([math]::Round($Size / 1e6, 1)) MB)"
if ($Size -gt 100000000) { Write-Host "TOO BIG: the installer is over 100 MB"; exit 1 }
