/// `why ID`: a light explained in one or two lines from the numbers the light used (SPEC §9):
/// `序时进度 32.9%（2025-01-01→2025-12-31，已过 120/365 天，截至 2025-04-30）；进度 5%，差 −27.9 → 黄灯（落后超过 10 个百分点）`.
/// The words are the Lexicon's (`Lexicon.Why`), one template per language; this builds the lines.
public enum WhyText {
    /// The minus sign of the explanation (U+2212, as printed in bureau documents).
    static let minus = "\u{2212}"

    /// The explanation of `j` judged under `rules`, in `language`.
    public static func lines(_ j: Judgement, rules r: Rules, in language: Language) -> [String] {
        typealias W = Lexicon.Why
        let verdict = W.verdict(calendar: W.calendar(expected: Judge.formatTenths(j.expectedTenths), j)[language],
                                progress: W.progress(j)[language], gap: signedTenths(j.gapTenths), light: j.light,
                                reason: W.reason(j, r)[language])
        var out = [verdict[language]]
        if j.elapsed == 0 {
            out.append(W.notBegun(j)[language])
        } else if j.dueSoon {
            out.append(W.dueSoon(j, r)[language])
        }
        return out
    }

    static func signedTenths(_ t: Int) -> String {
        (t > 0 ? "+" : "") + Judge.formatTenths(t, minus: minus)
    }
}
