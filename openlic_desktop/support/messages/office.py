"""Messages for the office's details, the active bureau profile and the profile editor."""

MESSAGES = {
    "OFFICE_FIELD_UNKNOWN": ("本单位信息没有字段 {field}；可设置：{known}",
                             "The office details have no field {field}; known: {known}"),
    "OFFICE_VALUE_INVALID": ("本单位信息「{field}」的值无效", "Invalid value for the office's {field}"),
    "OFFICE_VALUE_INVALID.control": ("本单位信息「{field}」不能含换行或控制字符",
                                     "The office's {field} cannot contain a line break or control character"),
    "OFFICE_VALUE_INVALID.too_long": ("本单位信息「{field}」不能超过 {limit} 个字符",
                                      "The office's {field} cannot be longer than {limit} characters"),
    "OFFICE_EMAIL_INVALID": ("电子邮箱格式不正确：{value}（只写一个地址，如 tto@example.edu.cn）",
                             "Not an e-mail address: {value} (one address only, e.g. tto@example.edu.cn)"),
    "PROFILE_FIELD_UNKNOWN": ("报送配置没有可修改的字段 {field}；可修改：{known}",
                              "A bureau profile has no editable field {field}; editable: {known}"),
    "PROFILE_VALUE_INVALID": ("报送配置字段 {field} 的值无效：{value}", "Invalid value for the profile's {field}: {value}"),
}
