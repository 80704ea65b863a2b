/// Lines of a web page or notice around a plan that are not part of it
/// (发布日期, 浏览次数, 索引号, 字号 大 中 小, 分享到, 打印 关闭, 版权所有, ICP, forms …).
enum PageChrome {
    static let prefixes: [String] = [
        "发布日期", "发布时间", "浏览次数", "索引号", "索 引 号", "字体", "字号", "【字号", "信息来源", "所属类目", "主题分类",
        "体裁", "体       裁", "发文字号", "发文日期", "公开类别", "公开日期", "机构名称", "组配分类", "生成日期", "公开范围",
        "公开方式", "发布机构", "文号", "文  号", "分享到", "关闭", "打印", "备案序号", "当前页二维码", "政策咨询",
        "咨询部门", "手机号码", "姓  名", "姓名", "内  容", "验证码", "是否公开", "文件预览", "附件下载", "相关文章",
        "计划总结", "(信息公开形式", "（信息公开形式", "扫一扫", "【打印", "【关闭", "网站地图", "主办单位", "承办单位",
        "•", "*", "|",
    ]
    static let contains: [String] = ["版权所有", "ICP备", "ICP证", "浏览次数", "字号:", "字号：", "大 中 小", "公网安备"]

    /// True when the whole line is page chrome.
    static func isChrome(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return false }
        if t.allSatisfy({ $0 == "|" || $0 == " " || $0 == "*" }) { return true }
        for p in prefixes where t.hasPrefix(p) { return true }
        for c in contains where t.contains(c) { return true }
        // Metadata tables: several pipe-separated cells.
        if t.filter({ $0 == "|" }).count >= 2 { return true }
        return false
    }

    static let prefixScalars: [[UInt32]] = prefixes.map { $0.unicodeScalars.map(\.value) }
    static let containScalars: [[UInt32]] = contains.map { $0.unicodeScalars.map(\.value) }

    /// `isChrome(line)` for a line also held as scalars: worked out on the scalars when they are
    /// plain (then characters are scalars and only ` ` and `\u{3000}` are whitespace).
    static func isChrome(_ scalars: ArraySlice<UInt32>, line: String) -> Bool {
        guard isPlain(scalars) else { return isChrome(line) }
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, scalars[lo] == 0x20 || scalars[lo] == 0x3000 { lo += 1 }
        while hi > lo, scalars[hi - 1] == 0x20 || scalars[hi - 1] == 0x3000 { hi -= 1 }
        let t = scalars[lo..<hi]
        if t.isEmpty { return false }
        if t.allSatisfy({ $0 == 0x7C || $0 == 0x20 || $0 == 0x2A }) { return true }
        for p in prefixScalars where t.starts(with: p) { return true }
        for c in containScalars where contains(t, c) { return true }
        if t.lazy.filter({ $0 == 0x7C }).count >= 2 { return true }
        return false
    }

    static func contains(_ s: ArraySlice<UInt32>, _ w: [UInt32]) -> Bool {
        guard let first = w.first, s.count >= w.count else { return false }
        var i = s.startIndex
        let last = s.endIndex - w.count
        while i <= last {
            if s[i] == first && s[i..<(i + w.count)].elementsEqual(w) { return true }
            i += 1
        }
        return false
    }

    /// A signature or date line (`十堰市卫生健康委员会`, `2023年2月23日`) standing alone.
    static func isSignatureOrDate(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        if t.isEmpty || t.hasMoreCharacters(than: 60) { return false }
        if t.hasSuffix("日"), t.holds("年"), t.holds("月"), t.count <= 24, !t.holds("。") { return true }
        let orgs = ["委员会", "卫生健康局", "卫生健康委", "卫健委", "卫健局", "人民政府", "办公室"]
        if !t.holds("。"), !t.holds("，"), !t.holds(","), orgs.contains(where: { t.hasSuffix($0) }) { return true }
        if t.holds("卫生健康"), t.holds("年"), t.hasSuffix("日"), !t.holds("。") { return true }
        return false
    }
}

import Foundation
