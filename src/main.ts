import { parseArgs } from 'node:util';
import { type CommandContext, commands, fileCommands } from './cli/commands.js';
import { IMPORT_HELP } from './cli/import.js';
import { REPORT_HELP } from './cli/report-check.js';
import { type Config, ConfigError, loadConfig } from './config.js';

const HELP = `gongkai — 政务公开平台

用法: gongkai <命令> [参数]

  serve                          启动网站（默认同时运行后台任务；GONGKAI_ROLE=web 则只提供网站）
  worker                         只运行后台任务（多节点部署时单独运行）
  migrate                        执行数据库迁移
  seed                           载入示例数据（可重复执行）
  user create <用户名> --name <姓名> --org <单位名称> [--role <角色>]...
                                 创建工作人员账号，打印一次性初始密码
  user reset-password <用户名>   重置密码，打印一次性初始密码
  audit verify                   校验审计日志 SM3 哈希链；发现篡改时以非零状态退出
  backup [文件]                  备份 SQLite 数据库（PostgreSQL 请用 pg_dump，见 README）
  calendar add-workdays <起始日期> <工作日数>
                                 计算 N 个工作日后的日期并说明推算过程
  import documents <文件.jsonl> [--as <用户名>]
                                 导入主动公开文件（JSON Lines，可重复执行；详见 gongkai import --help）
  reindex                        重建一网通查搜索索引（显示进度；检索不中断）
  rekey                          更换 DATA_KEY 后用新密钥重新加密个人信息（旧密钥放在 DATA_KEYS_OLD）
  report check <报告.json> [--previous <上年报告.json>] [--json]
                                 核对年度报告表格的勾稽关系（不需要数据库；详见 gongkai report --help）
  report import <报告.json>      导入平台启用前年度的年度报告（JSON 格式），作为已发布的往年报告
  --help                         显示本帮助

配置来自环境变量：PORT HOST DATA_DIR DATABASE_URL BASE_URL SESSION_SECRET DATA_KEY（见 README）。`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      name: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      as: { type: 'string' },
      previous: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help && command === 'import') {
    console.log(IMPORT_HELP);
    return 0;
  }
  if (values.help && command === 'report') {
    console.log(REPORT_HELP);
    return 0;
  }
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 1;
  }
  const options = values as CommandContext['options'];
  // `report import` writes to the database; `report check` only reads files.
  const fileCommand = command === 'report' && rest[0] === 'import' ? undefined : fileCommands[command];
  if (fileCommand) return fileCommand({ args: rest, options });
  const run = commands[command];
  if (!run) {
    console.error(`未知命令：${command}\n\n${HELP}`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 78;
    }
    throw e;
  }
  const ctx: CommandContext = { config, args: rest, options };
  return run(ctx);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? `错误：${e.message}` : e);
    process.exitCode = 1;
  },
);
