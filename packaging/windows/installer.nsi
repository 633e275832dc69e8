; ServiceCraft's Windows installer, built by `cargo xtask dist` with makensis (NSIS 3).
; Defines passed by xtask: VERSION (x.y.z), STAGE (folder with servicecraft.exe and the icon),
; OUTFILE (the setup .exe to write).
;
; Per user, without administrator rights: the program goes to %LOCALAPPDATA%\Programs and the
; uninstall entry to HKCU. Learner data lives elsewhere (%APPDATA%\ServiceCraft), so
; installing a newer version over an older one, or uninstalling, leaves it alone unless the
; learner ticks "delete my learning data" in the uninstaller.

; 64-bit installer: the program is 64-bit, and Wine without its 32-bit part runs it too.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"

!define APP "ServiceCraft"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
; An upgrade installs where the previous version is.
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "ServiceCraft contributors"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT OR Apache-2.0"

!define MUI_ICON "${STAGE}\servicecraft.ico"
!define MUI_UNICON "${STAGE}\servicecraft.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\servicecraft.exe"
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; English first: NSIS picks the system's language when it is one of these and the first
; otherwise, so a Chinese Windows gets Chinese and every other one English.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString SecProgram ${LANG_ENGLISH} "ServiceCraft (required)"
LangString SecProgram ${LANG_SIMPCHINESE} "ServiceCraft（必需）"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecData ${LANG_ENGLISH} "Also delete my learning data (progress, notes, installed packs)"
LangString SecData ${LANG_SIMPCHINESE} "同时删除我的学习数据（进度、笔记、已安装的课程包）"
LangString SecUninstall ${LANG_ENGLISH} "Remove ServiceCraft"
LangString SecUninstall ${LANG_SIMPCHINESE} "卸载 ServiceCraft"

Section "!$(SecProgram)" SecProgramId
    SectionIn RO
    SetOutPath "$INSTDIR"
    File "${STAGE}\servicecraft.exe"
    WriteUninstaller "$INSTDIR\uninstall.exe"
    CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\servicecraft.exe"
    WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
    ; Apps & features.
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "ServiceCraft contributors"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\servicecraft.exe"
    WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
    SectionGetSize ${SecProgramId} $0
    WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SecDesktop)" SecDesktopId
    CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\servicecraft.exe"
SectionEnd

Section "un.$(SecUninstall)" UnSecProgramId
    SectionIn RO
    Delete "$INSTDIR\servicecraft.exe"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
    Delete "$SMPROGRAMS\${APP}.lnk"
    Delete "$DESKTOP\${APP}.lnk"
    DeleteRegKey HKCU "${UNINST_KEY}"
    DeleteRegKey HKCU "Software\${APP}"
SectionEnd

; Off unless the learner ticks it; a silent uninstall (/S) never deletes data.
Section /o "un.$(SecData)" UnSecDataId
    ; Where the app keeps data (directories::ProjectDirs "org", "ServiceCraft", "ServiceCraft").
    RMDir /r "$APPDATA\ServiceCraft\ServiceCraft"
    RMDir "$APPDATA\ServiceCraft"
SectionEnd
