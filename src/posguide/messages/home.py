MESSAGES = {
    "home.disk_full": {
        "en": "Could not write {path}: the disk is full ({error}). Free some space and try again; nothing was changed.",
        "zh": "无法写入 {path}：磁盘已满（{error}）。请腾出空间后重试；数据未做任何改动。",
    },
    "home.no_permission": {
        "en": "Could not write {path}: permission denied ({error}). Check the folder's owner and permissions, or choose another with --home.",
        "zh": "无法写入 {path}：没有权限（{error}）。请检查文件夹的所有者和权限，或用 --home 指定其他文件夹。",
    },
    "home.no_folder": {
        "en": "Cannot write {path}: the folder {folder} does not exist. Check the path, or create the folder first.",
        "zh": "无法写入 {path}：文件夹 {folder} 不存在。请检查路径，或先建好这个文件夹。",
    },
    "home.is_folder": {
        "en": "{path} is a folder: name a file in it, e.g. {path}/posguide.ics.",
        "zh": "{path} 是一个文件夹：请指定其中的文件，如 {path}/posguide.ics。",
    },
    "home.not_a_file": {
        "en": "{path} is not an ordinary file (a device or a pipe), so posguide will not replace it. Name an ordinary file.",
        "zh": "{path} 不是普通文件（是设备或管道），posguide 不会替换它。请指定一个普通文件。",
    },
    "home.file_permission": {
        "en": "Cannot write {path}: permission denied. Choose a folder you may write to; nothing was written.",
        "zh": "无法写入 {path}：没有权限。请换一个有写入权限的文件夹；未写入任何内容。",
    },
    "home.io_error": {
        "en": "Could not use {path}: {error}.",
        "zh": "无法使用 {path}：{error}。",
    },
    "home.locked": {
        "en": "Another posguide is changing the data in {path} right now. Wait for it to finish and try again.",
        "zh": "另一个 posguide 正在修改 {path} 中的数据。请等它完成后重试。",
    },
    "home.bad_path": {
        "en": "'{path}' cannot be a path: it holds a NUL character. Check the path.",
        "zh": "“{path}”不能作为路径：其中含有 NUL 字符。请检查路径。",
    },
    "home.read_no_permission": {
        "en": "Could not read {path}: permission denied ({error}). Check the file's owner and permissions, or choose another home with --home.",
        "zh": "无法读取 {path}：没有权限（{error}）。请检查文件的所有者和权限，或用 --home 指定其他文件夹。",
    },
    "home.not_regular": {
        "en": "{path} is {what}, not an ordinary file, so posguide will neither open nor replace it. Move it away (or put the real file back) and try again.",
        "zh": "{path} 是{what}，不是普通文件，posguide 不会打开或替换它。请把它移走（或放回原来的文件）后重试。",
    },
    "home.kind.symlink": {"en": "a symbolic link", "zh": "一个符号链接"},
    "home.kind.fifo": {"en": "a named pipe (FIFO)", "zh": "一个命名管道（FIFO）"},
    "home.kind.folder": {"en": "a folder", "zh": "一个文件夹"},
    "home.kind.socket": {"en": "a socket", "zh": "一个套接字"},
    "home.kind.device": {"en": "a device", "zh": "一个设备文件"},
    "home.kind.other": {"en": "something else", "zh": "其他类型的文件"},
}
