/// Finds the quantitative figures (targets) in a task's text. See SPEC §2 "Figure rules".
public enum FigureExtractor {
    /// Every figure in `text`, in text order.
    public static func targets(in text: String) -> [Target] {
        // Implemented by the figures work (Import issue); returns none until then.
        []
    }
}
