; Inno Setup 6 script: OpenLic Desktop Setup.exe — a per-user install (no administrator rights), a Start-menu
; shortcut, an optional desktop shortcut, and an uninstaller. Build the bundle first (installer\windows\build.ps1
; does both):
;   iscc /DAppVersion=0.1.0 installer\windows\openlic.iss
; Saved as UTF-8 with a BOM so Inno Setup reads the Chinese text correctly.
; AppVersion comes from openlic_desktop/__init__.py (the one source) — build.ps1 reads it and passes it here.
; Uninstalling removes the program only: databases, backups, settings and logs in the user's AppData stay.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z openlic.iss (build.ps1 reads it from openlic_desktop/__init__.py)
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\OpenLicDesktop"
#endif
#define AppName "OpenLic Desktop"
#define AppNameZh "OpenLic 专利开放许可助手"
#define GuiExe "openlic-desktop.exe"

[Setup]
; a fixed AppId keeps upgrades and the uninstaller entry together across versions — never change it
AppId={{5B0E3C1A-7A51-4E8E-9C43-0F1D6A2B7E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=OpenLic
VersionInfoVersion={#AppVersion}
; per-user: {autopf} becomes %LOCALAPPDATA%\Programs, {autoprograms} the user's Start menu
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\OpenLic Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName} {#AppVersion}
SetupIconFile=..\..\openlic_desktop\resources\icons\openlic.ico
OutputDir=..\..\dist
OutputBaseFilename=OpenLicDesktop-{#AppVersion}-Setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "{#AppNameZh}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the frozen Python writes no __pycache__ beside the migration scripts (checked on the Linux
; bundle after the smoke test), and user data (databases, backups, settings, logs) lives in AppData and is kept.
