"""The team database (DESIGN.md 2a): choosing it, reaching it, its roles."""
MESSAGES = {
    "database.bad_url": {
        "en": "{source} names a database that posguide cannot use: {url}. A team database is a PostgreSQL URL such as postgresql://anna@db.example.lan/posguide; leave it out to keep the data in this computer's home folder.",
        "zh": "{source} 指定的数据库 posguide 无法使用：{url}。团队数据库需要写成 PostgreSQL 地址，如 postgresql://anna@db.example.lan/posguide；不写则数据保存在本机的数据文件夹中。",
    },
    "database.bad_config": {
        "en": "{path} cannot be read ({detail}). Write the team database there as one line, database = \"postgresql://NAME@SERVER/DATABASE\", or remove the file to use this computer's home folder.",
        "zh": "无法读取 {path}（{detail}）。请在其中写一行团队数据库地址：database = \"postgresql://用户名@服务器/数据库\"；或删除这个文件，改用本机的数据文件夹。",
    },
    "database.config_not_text": {
        "en": "database must be text in quotes",
        "zh": "database 必须是加引号的文字",
    },
    "database.not_utf8": {
        "en": "not UTF-8 text",
        "zh": "不是 UTF-8 文本",
    },
    "database.no_driver": {
        "en": "The PostgreSQL driver (psycopg) is not installed, so the team database cannot be used. Install it with: pip install 'posguide[team]'",
        "zh": "未安装 PostgreSQL 驱动（psycopg），无法使用团队数据库。请安装：pip install 'posguide[team]'",
    },
    "database.unreachable": {
        "en": "Cannot reach the team database {where}: {reason}. Check that the server is running and the address is right, or ask the team's administrator; nothing was changed.",
        "zh": "无法连接团队数据库 {where}：{reason}。请确认服务器已启动、地址无误，或询问团队的管理员；数据未做任何改动。",
    },
    "database.auth_failed": {
        "en": "The team database {where} did not accept the login: {reason}. Check the role name, and put the password in ~/.pgpass (or PGPASSWORD) rather than in the URL; nothing was changed.",
        "zh": "团队数据库 {where} 拒绝了登录：{reason}。请检查角色名，并把密码写在 ~/.pgpass（或 PGPASSWORD）中，不要写进地址；数据未做任何改动。",
    },
    "database.no_such_database": {
        "en": "The server of {where} has no such database: {reason}. Ask the team's administrator to create it (createdb), then run: posguide db init",
        "zh": "{where} 的服务器上没有这个数据库：{reason}。请团队的管理员先建好它（createdb），然后运行：posguide db init",
    },
    "database.read_only": {
        "en": "The role {role} may only read the team database {where}, so nothing was changed. Ask the team's administrator for a role that may write, or use this role for status, history and other reading commands.",
        "zh": "角色 {role} 对团队数据库 {where} 只有读取权限，因此未做任何改动。请向团队的管理员申请可写入的角色，或仅用此角色查看状态、历史等。",
    },
    "database.no_read": {
        "en": "The role {role} may not read the team database {where} ({reason}). Ask the team's administrator to grant it: GRANT posguide_reader TO {role};",
        "zh": "角色 {role} 无权读取团队数据库 {where}（{reason}）。请团队的管理员授权：GRANT posguide_reader TO {role};",
    },
    "database.no_schema": {
        "en": "The team database {where} has no posguide tables yet. Create them once with: posguide db init",
        "zh": "团队数据库 {where} 中还没有 posguide 的数据表。请先运行一次：posguide db init",
    },
    "database.schema_newer": {
        "en": "The team database {where} was set up by a newer posguide (schema {found}; this one knows {known}). Update posguide on this computer; nothing was changed.",
        "zh": "团队数据库 {where} 由更新版本的 posguide 建立（数据结构版本 {found}，本机版本只认识 {known}）。请先升级本机的 posguide；数据未做任何改动。",
    },
    "database.schema_older": {
        "en": "The team database {where} has an older schema ({found}; this posguide needs {known}). Upgrade it once with: posguide db init",
        "zh": "团队数据库 {where} 的数据结构版本较旧（{found}，本机的 posguide 需要 {known}）。请运行一次：posguide db init",
    },
    "database.failed": {
        "en": "The team database {where} refused the request: {reason}. Nothing was changed.",
        "zh": "团队数据库 {where} 拒绝了这次操作：{reason}。数据未做任何改动。",
    },
    "database.conflict": {
        "en": "Not saved: {by} changed terminal {name} at {at}, after you started. Look at it again (posguide profile show --terminal {name}) and make your change once more.",
        "zh": "未保存：在您开始之后，{by} 于 {at} 修改了终端 {name}。请重新查看（posguide profile show --terminal {name}），再做一次您的修改。",
    },
    "database.conflict_removed": {
        "en": "Not saved: {by} removed terminal {name} at {at}, after you started.",
        "zh": "未保存：在您开始之后，{by} 于 {at} 删除了终端 {name}。",
    },
    "database.conflict_added": {
        "en": "Not saved: {by} added a terminal named {name} at {at}, after you started. Choose another name or look at it first: posguide profile show --terminal {name}",
        "zh": "未保存：在您开始之后，{by} 于 {at} 添加了同名终端 {name}。请换一个名字，或先查看：posguide profile show --terminal {name}",
    },
    "database.conflict_settings": {
        "en": "Not saved: {by} changed the team's settings (default terminal or [policy]) at {at}, after you started. Look again and make your change once more.",
        "zh": "未保存：在您开始之后，{by} 于 {at} 修改了团队设置（默认终端或 [policy]）。请重新查看后再修改一次。",
    },
    "database.busy": {
        "en": "The team database {where} is busy with another change to the same data. Try again in a moment; nothing was changed.",
        "zh": "团队数据库 {where} 正在处理对同一数据的另一项修改。请稍后重试；数据未做任何改动。",
    },
    "database.bad_row": {
        "en": "The team database {where} holds a value posguide cannot use at {key}: {problem}. Ask whoever changed it to correct it (posguide profile edit); nothing was changed.",
        "zh": "团队数据库 {where} 中 {key} 的值 posguide 无法使用：{problem}。请修改它的人更正（posguide profile edit）；数据未做任何改动。",
    },
    "database.init_denied": {
        "en": "The role {role} may not create or upgrade posguide's tables in {where}. Run posguide db init as the database's owner (README: a team's database); nothing was changed.",
        "zh": "角色 {role} 无权在 {where} 中创建或升级 posguide 的数据表。请用数据库的所有者角色运行 posguide db init（见 README 中“团队数据库”一节）；数据未做任何改动。",
    },
    "database.no_grant": {
        "en": "Could not make or grant the role {role} (this role may not): ask the database's owner to run posguide db init.",
        "zh": "无法创建或授权角色 {role}（当前角色没有这个权限）：请数据库的所有者运行 posguide db init。",
    },
}
