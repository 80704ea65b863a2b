extension Lexicon {
    /// Chinese headers of the tables commands build with English column names (`plans`,
    /// `offices`, `snapshots`, `history`, `rules`, `score`, a task's targets): `set lang zh`
    /// shows these on the screen and in CSV, Markdown and HTML; JSON keeps the English names.
    /// Query results are headed from the field registry (`header(_:in:)`), reports from
    /// `Lexicon.Report`.
    static let columnWords: [String: String] = [
        "id": "编号", "title": "标题", "year": "年度", "tasks": "任务", "warnings": "提示", "imported": "导入时间",
        "source": "来源", "office": "科室", "behind": "滞后", "done": "已完成", "plans": "计划",
        "name": "名称", "saved": "保存时间", "size": "大小", "note": "备注",
        "when": "时间", "month": "月份", "field": "字段", "old → new": "原值 → 新值", "old": "原值", "new": "新值", "change": "变化",
        "heading": "标题", "value": "值", "default": "默认值", "meaning": "含义",
        "green": "绿灯", "yellow": "黄灯", "red": "红灯", "avg_gap": "平均差距", "score": "得分",
        "raw": "原文", "metric": "指标", "comparator": "比较", "unit": "单位", "actual": "完成值",
        "attainment": "完成率", "light": "灯", "count": "数量", "path": "路径", "level": "层级",
        "file": "文件", "state": "状态", "detail": "详情",
    ]

    /// The header of a column named `name` (English) in `language`; `name` itself when the
    /// table has no word for it.
    public static func columnHeader(_ name: String, in language: Language) -> String {
        language == .zh ? columnWords[name] ?? name : name
    }

    /// `score as of 2025-04-30 (100 − 1×yellow − 2×red)`.
    public static func scoreTitle(asOf: String, yellow: Int, red: Int) -> Term {
        Term(en: "score as of \(asOf) (100 − \(yellow)×yellow − \(red)×red)",
             zh: "考核排名，截至 \(asOf)（100 − \(yellow)×黄灯 − \(red)×红灯）")
    }
}
