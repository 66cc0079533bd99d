"""Messages about the installation itself: shipped files that cannot be found."""

MESSAGES = {
    "PROFILES_NOT_FOUND": (
        "找不到任何报送配置（已查找：{folders}）；安装可能不完整，请重新安装",
        "No bureau profile found (looked in: {folders}); the installation may be incomplete — reinstall",
    ),
}
