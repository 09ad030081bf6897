MESSAGES = {
    "show.title": {"en": "Terminal {name}", "zh": "终端 {name}"},
    "show.default_mark": {"en": "(default)", "zh": "（默认）"},
    "show.not_set": {"en": "-", "zh": "-"},
    "show.service_end": {"en": "Service period ends", "zh": "服务期截止"},
}
