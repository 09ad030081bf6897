MESSAGES = {
    "history.torn": {
        "en": "The last record in {path} was cut off (the computer stopped while writing it). It was set aside in {kept}; all other records are intact.",
        "zh": "{path} 的最后一条记录不完整（写入时电脑中断）。已将其移到 {kept}；其余记录完好。",
    },
    "history.torn_unrepaired": {
        "en": "The last record in {path} was cut off and is skipped; the next command that records something will set it aside.",
        "zh": "{path} 的最后一条记录不完整，已跳过；下次写入记录时会把它移到一旁。",
    },
    "history.bad_lines": {
        "en": "Some lines of {path} cannot be read and are skipped: line {lines}.",
        "zh": "{path} 中有些行无法读取，已跳过：第 {lines} 行。",
    },
}
