; Inno Setup 6.3+ script: installs the PyInstaller one-folder bundle (dist\dragoman) for the
; current user or for everyone, with a Start-menu entry and an uninstaller.
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\dragoman.iss
; (.github/workflows/release.yml runs it after PyInstaller; not run on this project's CI.)

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\dragoman"
#endif

[Setup]
AppId={{5C1D3F7A-2B8E-4E4B-9A51-6D3C0F1E9B27}
AppName=Dragoman
AppVersion={#AppVersion}
AppPublisher=The Dragoman developers
AppPublisherURL=https://github.com/dragoman/dragoman
DefaultDirName={autopf}\Dragoman
DefaultGroupName=Dragoman
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=dragoman-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\dragoman.exe
; Settings (%APPDATA%) and keys (Windows Credential Manager) are the user's: not removed.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Dragoman"; Filename: "{app}\dragoman.exe"
Name: "{autodesktop}\Dragoman"; Filename: "{app}\dragoman.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\dragoman.exe"; Description: "{cm:LaunchProgram,Dragoman}"; Flags: nowait postinstall skipifsilent
