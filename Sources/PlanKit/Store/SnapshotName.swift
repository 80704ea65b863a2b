import Foundation

/// Rules for snapshot names: ASCII letters, digits, `.`, `_`, `-` and CJK letters, not starting
/// with a dot. The name becomes a file name inside the store's `snapshots/` folder, so these
/// rules are what keeps a user's name from ever reaching outside the store (`/`, `..`, NUL
/// and control characters cannot pass).
public enum SnapshotName {
    public static let maximumBytes = 120

    /// Nil when `name` is acceptable, else why not.
    public static func problem(with name: String) -> Message? {
        if name.isEmpty { return Messages.snapshotNameEmpty() }
        if name.utf8.count > maximumBytes { return Messages.snapshotNameTooLong(maximumBytes) }
        if name.hasPrefix(".") { return Messages.snapshotNameStartsWithDot() }
        for u in name.unicodeScalars where !isAllowed(u) {
            let shown = u.value < 0x20 || u.value == 0x7F ? String(format: "U+%04X", u.value) : "\"\(u)\""
            return Messages.snapshotNameCharacter(shown)
        }
        return nil
    }

    public static func isValid(_ name: String) -> Bool { problem(with: name) == nil }

    static func isAllowed(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F, 0x2D: return true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true // Han
        case 0x3005, 0x3007: return true // 々 〇
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC: return true // kana
        case 0xAC00...0xD7A3: return true // Hangul syllables
        default: return false
        }
    }
}
