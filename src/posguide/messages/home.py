MESSAGES = {
    "home.disk_full": {
        "en": "Could not write {path}: the disk is full ({error}). Free some space and try again; nothing was changed.",
        "zh": "无法写入 {path}：磁盘已满（{error}）。请腾出空间后重试；数据未做任何改动。",
    },
    "home.no_permission": {
        "en": "Could not write {path}: permission denied ({error}). Check the folder's owner and permissions, or choose another with --home.",
        "zh": "无法写入 {path}：没有权限（{error}）。请检查文件夹的所有者和权限，或用 --home 指定其他文件夹。",
    },
    "home.io_error": {
        "en": "Could not use {path}: {error}.",
        "zh": "无法使用 {path}：{error}。",
    },
    "home.locked": {
        "en": "Another posguide is changing the data in {path} right now. Wait for it to finish and try again.",
        "zh": "另一个 posguide 正在修改 {path} 中的数据。请等它完成后重试。",
    },
}
