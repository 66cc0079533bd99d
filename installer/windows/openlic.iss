; Inno Setup 6 script: OpenLic Desktop Setup.exe — a per-user install (no administrator rights), Start-menu and
; optional desktop shortcuts named in the installer's language, the .openlic document type, and an uninstaller.
; Build the bundle first (installer\windows\build.ps1 does both, and signs when asked):
;   iscc /DAppVersion=0.1.0 installer\windows\openlic.iss
; Saved as UTF-8 with a BOM so Inno Setup reads the Chinese text correctly.
; AppVersion comes from openlic_desktop/__init__.py (the one source) — build.ps1 reads it and passes it here.
; Uninstalling removes the program only: databases, backups, settings and logs in the user's AppData stay.
; Not compiled on the machine this was written on (no Windows there): build.ps1 is the way it is meant to be built.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z openlic.iss (build.ps1 reads it from openlic_desktop/__init__.py)
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\OpenLicDesktop"
#endif
#define AppName "OpenLic Desktop"
#define GuiExe "openlic-desktop.exe"
; the oldest Windows the bundled Qt runs on: Windows 10 1809 (installer/runtime_floor.py WINDOWS)
#define MinWindows "10.0.17763"

[Setup]
; a fixed AppId keeps upgrades and the uninstaller entry together across versions — never change it
AppId={{5B0E3C1A-7A51-4E8E-9C43-0F1D6A2B7E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=OpenLic
VersionInfoVersion={#AppVersion}
; Setup refuses older Windows with the WinVersionTooLowError message below instead of installing a program that
; cannot start there
MinVersion={#MinWindows}
; per-user: {autopf} becomes %LOCALAPPDATA%\Programs, {autoprograms} the user's Start menu, HKA is HKCU
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\OpenLic Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={cm:ShortcutName} {#AppVersion}
SetupIconFile=..\..\openlic_desktop\resources\icons\openlic.ico
OutputDir=..\..\dist
OutputBaseFilename=OpenLicDesktop-{#AppVersion}-windows-x64-Setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes
ShowLanguageDialog=auto
; the .openlic association below: Explorer refreshes its icons and "Open with" after install and uninstall
ChangesAssociations=yes
#ifdef SignTool
; build.ps1 passes /DSignTool=openlicsign and /Sopenlicsign=… when a code-signing certificate is configured:
; Setup.exe and the uninstaller are then signed (signtool, SHA-256, RFC 3161 timestamp)
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
; Chinese first: ShowLanguageDialog=auto picks the language of the user's Windows and asks only when neither fits.
; Our own ChineseSimplified.isl (in this folder, so every build machine has it) is read over Default.isl: a
; message it does not translate shows in English rather than failing the build.
Name: "zh"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
zh.WinVersionTooLowError=OpenLic 专利开放许可助手需要 Windows 10 版本 1809（2018 年 10 月更新）或更高版本的 Windows，本机的 Windows 版本过旧，无法运行本程序。%n%n请先通过 Windows 更新升级系统，再运行安装程序。
en.WinVersionTooLowError=OpenLic Desktop needs Windows 10 version 1809 (the October 2018 Update) or later. This computer's Windows is too old to run it.%n%nPlease update Windows first (Settings → Windows Update), then run Setup again.

[CustomMessages]
zh.ShortcutName=OpenLic 专利开放许可助手
en.ShortcutName=OpenLic Desktop
zh.ShortcutComment=准备专利开放许可申报材料
en.ShortcutComment=Prepare patent open-licensing submissions
zh.DocumentTypeName=OpenLic 数据库
en.DocumentTypeName=OpenLic database

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:ShortcutName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "{cm:ShortcutComment}"
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Registry]
; the OpenLic database document type (.openlic): a double-click runs `openlic-desktop.exe "<file>"`, which opens it
; (a file that is not an OpenLic database is refused there). Per user (HKA = HKCU here), removed on uninstall.
Root: HKA; Subkey: "Software\Classes\.openlic"; ValueType: string; ValueName: ""; ValueData: "OpenLic.Database"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.openlic\OpenWithProgids"; ValueType: string; ValueName: "OpenLic.Database"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\OpenLic.Database"; ValueType: string; ValueName: ""; ValueData: "{cm:DocumentTypeName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\OpenLic.Database\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"
Root: HKA; Subkey: "Software\Classes\OpenLic.Database\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
; "Open with" also lists us for the .sqlite3 files we make, without claiming them
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".openlic"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".sqlite3"; ValueData: ""

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{cm:ShortcutName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the frozen Python writes no __pycache__ beside the migration scripts (checked on the Linux
; bundle after the smoke test), and user data (databases, backups, settings, logs) lives in AppData and is kept.
