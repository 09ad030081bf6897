"""What can be wrong with a TOML file before its content is even looked at."""

MESSAGES = {
    "tomlfile.not_utf8": {"en": "the file is not UTF-8 text", "zh": "文件不是 UTF-8 文本"},
    "tomlfile.too_deep": {"en": "nested deeper than any real file", "zh": "嵌套层数超出正常文件"},
}
