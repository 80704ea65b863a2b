import Foundation

/// Where the store lives: `--store DIR`, else `$PLANSH_STORE`, else `$XDG_DATA_HOME/plansh`,
/// else `~/.local/share/plansh`.
public enum StoreLocation {
    public static func resolve(flag: String?, environment: [String: String]) -> URL {
        if let flag, !flag.isEmpty { return URL(fileURLWithPath: NSString(string: flag).expandingTildeInPath) }
        if let env = environment["PLANSH_STORE"], !env.isEmpty {
            return URL(fileURLWithPath: NSString(string: env).expandingTildeInPath)
        }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("plansh")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/plansh")
    }
}
