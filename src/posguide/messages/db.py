"""`posguide db init|push|pull`."""
MESSAGES = {
    "db.needs_url": {
        "en": "This needs a team database: give --database postgresql://NAME@SERVER/DATABASE, set POSGUIDE_DATABASE, or write database = \"...\" in config.toml in the data folder.",
        "zh": "此命令需要团队数据库：请用 --database postgresql://用户名@服务器/数据库 指定，或设置 POSGUIDE_DATABASE，或在数据文件夹的 config.toml 中写 database = \"...\"。",
    },
    "db.init_created": {
        "en": "The team database {where} is ready (schema {version}). Point everyone at it: README, \"A team's shared database\".",
        "zh": "团队数据库 {where} 已建好（数据结构版本 {version}）。让每位同事都指向它：见 README 中“团队共用数据库”一节。",
    },
    "db.init_upgraded": {
        "en": "The team database {where} was upgraded from schema {old} to {version}.",
        "zh": "团队数据库 {where} 已从数据结构版本 {old} 升级到 {version}。",
    },
    "db.init_current": {
        "en": "The team database {where} is up to date (schema {version}); nothing to do.",
        "zh": "团队数据库 {where} 已是最新（数据结构版本 {version}），无需改动。",
    },
    "db.pushed": {
        "en": "Copied from {frm} to {to}: {terminals} terminals, {events} events, {progress} paused wizards ({same} terminals were already there).",
        "zh": "已从 {frm} 复制到 {to}：终端 {terminals} 台，记录 {events} 条，未完成的向导 {progress} 个（另有 {same} 台终端原本已在）。",
    },
    "db.pulled": {
        "en": "Copied from {frm} to {to}: {terminals} terminals and {events} events ({same} terminals were already there).",
        "zh": "已从 {frm} 复制到 {to}：终端 {terminals} 台，记录 {events} 条（另有 {same} 台终端原本已在）。",
    },
    "db.nothing_new": {
        "en": "Nothing new to copy from {frm} to {to}: everything is there already ({same} terminals).",
        "zh": "从 {frm} 到 {to} 没有需要复制的新内容：全部已在（终端 {same} 台）。",
    },
    "db.policy_differs": {
        "en": "Not copied: both sides have a [policy] (warning days) and they differ, and posguide will not choose for you. Make the two the same (posguide profile edit), then run this again; nothing was written to {to}.",
        "zh": "未复制：两边都有 [policy]（提醒天数）设置，但内容不同，posguide 不会替您选择。请先让两边一致（posguide profile edit），再运行一次；{to} 未写入任何内容。",
    },
    "db.differs": {
        "en": "Not copied: terminal {names} is on both sides with different facts, and posguide will not choose for you. Make the two the same (profile show, profile set) or rename one of them, then run this again; nothing was written to {to}.",
        "zh": "未复制：终端 {names} 两边都有，但资料不同，posguide 不会替您选择。请先让两边一致（profile show、profile set）或给其中一台改名，再运行一次；{to} 未写入任何内容。",
    },
}
