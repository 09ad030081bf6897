MESSAGES = {
    "store.damaged": {
        "en": "{path} cannot be read ({error}). posguide has not changed it. To restore the copy made before the last upgrade, copy {backup} over {path} (events recorded since then are lost); or move {path} aside to start a new history.",
        "zh": "无法读取 {path}（{error}）。posguide 没有改动它。如要恢复上次升级前的备份，请用 {backup} 覆盖 {path}（之后记录的事项会丢失）；也可以把 {path} 移到别处，重新开始记录。",
    },
    "store.foreign": {
        "en": "{path} is an SQLite database, but not one made by posguide. posguide has not changed it. Move it aside (or choose another home with --home) and try again.",
        "zh": "{path} 是一个 SQLite 数据库，但不是 posguide 建立的。posguide 没有改动它。请把它移到别处（或用 --home 指定其他文件夹）后重试。",
    },
    "store.newer": {
        "en": "{path} was written by a newer posguide (schema version {found}; this one knows up to {known}). posguide has not changed it. Install the newer posguide again, or restore an older copy.",
        "zh": "{path} 是较新版本的 posguide 写入的（数据结构版本 {found}，当前版本只认识到 {known}）。posguide 没有改动它。请重新安装较新的 posguide，或恢复旧的备份。",
    },
    "store.needs_upgrade": {
        "en": "{path} is from an older posguide and must be upgraded, but the home cannot be written. Run posguide once where the home may be written.",
        "zh": "{path} 来自旧版 posguide，需要升级，但该文件夹不可写入。请在可写入的位置运行一次 posguide。",
    },
    "store.not_a_file": {
        "en": "{path} is not an ordinary file (a link, a pipe or a device). posguide will not open or replace it: move it aside and try again.",
        "zh": "{path} 不是普通文件（是链接、管道或设备）。posguide 不会打开或替换它：请把它移到别处后重试。",
    },
    "store.missing": {
        "en": "{path} is missing.",
        "zh": "找不到 {path}。",
    },
    "store.progress_unreadable": {
        "en": "The saved progress of checklist {checklist} for terminal {terminal} in {path} cannot be read. Start it over with --restart.",
        "zh": "{path} 中终端 {terminal} 的清单 {checklist} 的进度无法读取。请加 --restart 重新开始。",
    },
    "store.rolled_forward": {
        "en": "The last command was stopped while saving; its change was finished now ({count} history records added).",
        "zh": "上一个命令在保存时中断了；现已把它的改动保存完整（补记了 {count} 条记录）。",
    },
    "store.rolled_back": {
        "en": "The last command was stopped before it saved its change; nothing of it was kept.",
        "zh": "上一个命令在保存改动之前中断了；它的改动没有保存。",
    },
    "store.pending_read_only": {
        "en": "The last command was stopped while saving, and the home cannot be written now to finish it ({path}). Run posguide again where the home may be written.",
        "zh": "上一个命令在保存时中断了，但现在该文件夹不可写入，无法补完（{path}）。请在可写入的位置再运行一次 posguide。",
    },
    "store.imported": {
        "en": "History and saved checklist progress moved into {path} ({events} records, {progress} paused checklists); the old files are kept beside it as *.migrated.",
        "zh": "记录和已保存的清单进度已迁移到 {path}（{events} 条记录，{progress} 个暂停的清单）；旧文件保留在旁边，名为 *.migrated。",
    },
    "store.import_bad_lines": {
        "en": "Some lines of the old history could not be read and were not moved: line {lines}. They are kept in {path}.",
        "zh": "旧记录中有些行无法读取，未迁移：第 {lines} 行。这些行保留在 {path} 中。",
    },
    "store.import_bad_progress": {
        "en": "Saved progress that could not be read was not moved: {files}. Those checklists start over.",
        "zh": "以下已保存的进度无法读取，未迁移：{files}。这些清单将从头开始。",
    },
}
