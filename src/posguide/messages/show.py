MESSAGES = {
    "show.title": {"en": "Terminal {name}", "zh": "终端 {name}"},
    "show.default_mark": {"en": "(default)", "zh": "（默认）"},
    "show.not_set": {"en": "-", "zh": "-"},
    "show.service_end": {"en": "Service period ends", "zh": "服务期截止"},
    "show.mcc_meaning": {"en": "{name} ({fee_class})", "zh": "{name}（{fee_class}）"},
    "show.mcc_unlisted": {"en": "(not in posguide's list)", "zh": "（posguide 的列表里没有）"},
}
