"""Messages for the office's details, the active bureau profile and the profile editor."""

MESSAGES = {
    "OFFICE_FIELD_UNKNOWN": ("本单位信息没有字段 {field}；可设置：{known}",
                             "The office details have no field {field}; known: {known}"),
    "OFFICE_VALUE_INVALID": ("本单位信息 {field} 的值无效：{reason}", "Invalid value for the office's {field}: {reason}"),
    "OFFICE_EMAIL_INVALID": ("电子邮箱格式不正确：{value}", "Not an e-mail address: {value}"),
    "PROFILE_FIELD_UNKNOWN": ("报送配置没有可修改的字段 {field}；可修改：{known}",
                              "A bureau profile has no editable field {field}; editable: {known}"),
    "PROFILE_VALUE_INVALID": ("报送配置字段 {field} 的值无效：{value}", "Invalid value for the profile's {field}: {value}"),
}
