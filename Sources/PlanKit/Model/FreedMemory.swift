#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed in many small pieces back to the system. A large import frees its parsed
/// tasks (a million small strings and arrays) while it builds the table in large blocks that
/// cannot reuse those pieces; without this the process keeps both (issue 15: peak memory).
enum FreedMemory {
    #if canImport(Glibc)
    /// glibc's `malloc_trim` (not in the Glibc module's headers), looked up once.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let f = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(f, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    static func giveBack() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
